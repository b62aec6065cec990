package dev.tollgate.adapter.mongo.metering;

import com.mongodb.client.MongoDatabase;
import java.util.Objects;

/** PLACEHOLDER: replaced by the real store. */
public final class MongoMeterLedger implements dev.tollgate.port.spi.metering.MeterLedger {

    private final MongoDatabase database;

    public MongoMeterLedger(MongoDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public dev.tollgate.port.spi.metering.Consumption consume(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.metering.MeterName arg1, long arg2, dev.tollgate.port.spi.metering.PeriodAllowance arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.metering.MeterBalance topUp(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.metering.MeterName arg1, long arg2, dev.tollgate.port.spi.metering.PeriodAllowance arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.metering.Consumption deductTopUp(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.metering.MeterName arg1, long arg2, dev.tollgate.port.spi.metering.PeriodAllowance arg3) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public dev.tollgate.port.spi.metering.MeterBalance balance(dev.tollgate.port.UserRef arg0, dev.tollgate.port.spi.metering.MeterName arg1, dev.tollgate.port.spi.metering.PeriodAllowance arg2) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }

    @Override
    public int deleteAll(dev.tollgate.port.UserRef arg0) {
        throw new UnsupportedOperationException("not yet on MongoDB");
    }
}
