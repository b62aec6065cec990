package dev.tollgate.adapter.mongo.account;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoAccountArchive implements dev.tollgate.port.spi.account.AccountArchive {

    private final MongoDatabase database;

    public MongoAccountArchive(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void archive(dev.tollgate.port.spi.account.ArchivedAccount arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.account.ArchivedAccount> find(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
