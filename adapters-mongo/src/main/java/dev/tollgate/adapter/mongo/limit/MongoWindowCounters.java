package dev.tollgate.adapter.mongo.limit;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoWindowCounters implements dev.tollgate.port.spi.limit.WindowCounters {

    private final MongoDatabase database;

    public MongoWindowCounters(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public dev.tollgate.port.spi.limit.Acquisition tryAcquire(dev.tollgate.port.spi.limit.CounterKey arg0, dev.tollgate.port.spi.limit.WindowLimit arg1, java.time.Instant arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.Optional<dev.tollgate.port.spi.limit.WindowCounters.OpenWindow> current(dev.tollgate.port.spi.limit.CounterKey arg0, java.time.Instant arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
