package dev.tollgate.adapter.mongo.staff;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoServiceAccountStore implements dev.tollgate.port.spi.staff.ServiceAccountStore {

    private final MongoDatabase database;

    public MongoServiceAccountStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void insert(dev.tollgate.port.spi.staff.ServiceAccountRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.staff.ServiceAccountRecord> findById(dev.tollgate.port.TenantId arg0, dev.tollgate.port.ServiceAccountId arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.staff.ServiceAccountRecord> findByKeyDigest(java.lang.String arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.staff.ServiceAccountRecord> list(dev.tollgate.port.TenantId arg0, dev.tollgate.port.ServiceAccountId arg1, int arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change revoke(dev.tollgate.port.TenantId arg0, dev.tollgate.port.ServiceAccountId arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
