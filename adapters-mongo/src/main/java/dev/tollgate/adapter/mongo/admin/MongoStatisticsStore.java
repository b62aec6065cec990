package dev.tollgate.adapter.mongo.admin;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoStatisticsStore implements dev.tollgate.port.spi.admin.StatisticsStore {

    private final MongoDatabase database;

    public MongoStatisticsStore(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public dev.tollgate.port.spi.admin.UserFigures users(dev.tollgate.port.TenantId arg0, java.lang.String arg1, dev.tollgate.port.spi.metering.DayRange arg2, java.time.ZoneId arg3, java.time.Instant arg4) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.admin.UsageFigures usage(dev.tollgate.port.TenantId arg0, dev.tollgate.port.spi.metering.DayRange arg1, int arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
