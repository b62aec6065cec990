package dev.tollgate.adapter.mongo.metering;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoSubscriptionStore implements dev.tollgate.port.spi.metering.SubscriptionStore {

    private final MongoDatabase database;

    public MongoSubscriptionStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.metering.Subscription> find(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public void save(dev.tollgate.port.spi.metering.Subscription arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.Change delete(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
