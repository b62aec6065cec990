package dev.tollgate.adapter.mongo.code;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoOneTimeCodeStore implements dev.tollgate.port.spi.code.OneTimeCodeStore {

    private final MongoDatabase database;

    public MongoOneTimeCodeStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void issue(dev.tollgate.port.spi.code.OneTimeCode arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.code.OneTimeCode> find(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.code.CodePurpose arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.code.AttemptResult attempt(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.code.CodePurpose arg1, java.lang.String arg2, java.time.Instant arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int deleteAll(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
