package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.tck.metering.UsageLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteUsageLogTest extends UsageLogContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected UsageLog usageLog() {
        return DATABASE.stores().usage();
    }
}
