package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.tck.metering.UsageLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUsageLogTest extends UsageLogContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected UsageLog usageLog() {
        return DATABASE.stores().usage();
    }
}
