package dev.tollgate.adapter.mongo.metering;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoUsageLog implements dev.tollgate.port.spi.metering.UsageLog {

    private final MongoDatabase database;

    public MongoUsageLog(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void append(java.util.List<dev.tollgate.port.spi.metering.UsageEvent> arg0, java.time.ZoneId arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.metering.DailyUsage> daily(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.metering.DayRange arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.metering.UsageEvent> recent(dev.tollgate.port.UserRef arg0, int arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public java.util.List<dev.tollgate.port.spi.metering.LoggedUsage> page(dev.tollgate.port.UserRef arg0, java.util.Optional<dev.tollgate.port.spi.metering.UsagePosition> arg1, int arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int purgeEventsBefore(dev.tollgate.port.TenantId arg0, java.time.Instant arg1) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int deleteAll(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
