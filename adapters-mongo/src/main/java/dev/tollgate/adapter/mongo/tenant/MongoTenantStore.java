package dev.tollgate.adapter.mongo.tenant;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoTenantStore implements dev.tollgate.port.spi.tenant.TenantStore {

    private final MongoDatabase database;

    public MongoTenantStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public dev.tollgate.port.Change insert(dev.tollgate.port.spi.tenant.TenantRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.tenant.TenantRecord> find(dev.tollgate.port.TenantId arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.tenant.TenantRecord> list(dev.tollgate.port.TenantId arg0, int arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change rename(dev.tollgate.port.TenantId arg0, java.lang.String arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change changeStatus(dev.tollgate.port.TenantId arg0, dev.tollgate.port.TenantStatus arg1, dev.tollgate.port.TenantStatus arg2, java.lang.String arg3, java.time.Instant arg4) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
