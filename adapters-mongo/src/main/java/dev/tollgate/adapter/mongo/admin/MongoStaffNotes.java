package dev.tollgate.adapter.mongo.admin;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoStaffNotes implements dev.tollgate.port.spi.admin.StaffNotes {

    private final MongoDatabase database;

    public MongoStaffNotes(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.admin.StaffNoteRecord> find(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public void put(dev.tollgate.port.spi.admin.StaffNoteRecord arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public boolean delete(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
