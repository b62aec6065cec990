package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.tck.metering.UsageLogContract;

class InMemoryUsageLogTest extends UsageLogContract {

    private static final InMemoryUsageLog LOG = new InMemoryUsageLog();

    @Override
    protected UsageLog usageLog() {
        return LOG;
    }
}
