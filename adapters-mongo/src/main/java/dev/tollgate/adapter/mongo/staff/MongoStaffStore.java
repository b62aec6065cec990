package dev.tollgate.adapter.mongo.staff;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoStaffStore implements dev.tollgate.port.spi.staff.StaffStore {

    private final MongoDatabase database;

    public MongoStaffStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.staff.StaffRecord> find(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.staff.StaffChange grant(dev.tollgate.port.spi.staff.StaffRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.staff.StaffChange grantFirst(dev.tollgate.port.spi.staff.StaffRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.staff.StaffChange changeRole(dev.tollgate.port.UserRef arg0, java.lang.String arg1, java.lang.String arg2, dev.tollgate.port.UserId arg3, java.time.Instant arg4, java.lang.String arg5) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.staff.StaffChange revoke(dev.tollgate.port.UserRef arg0, java.lang.String arg1, java.lang.String arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public long countHolders(java.lang.String arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.staff.StaffRecord> list(dev.tollgate.port.TenantId arg0, dev.tollgate.port.UserId arg1, int arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
