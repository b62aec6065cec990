package dev.tollgate.adapter.mongo.admin;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoUserDirectory implements dev.tollgate.port.spi.admin.UserDirectory {

    private final MongoDatabase database;

    public MongoUserDirectory(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.admin.DirectoryEntry> search(dev.tollgate.port.spi.admin.UserFilter arg0, dev.tollgate.port.spi.admin.UserOrder arg1, dev.tollgate.port.spi.admin.UserPosition arg2, int arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public long count(dev.tollgate.port.spi.admin.UserFilter arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
