package dev.tollgate.adapter.memory.usage;

import dev.tollgate.port.spi.usage.UsageLog;
import dev.tollgate.tck.usage.UsageLogContract;

class InMemoryUsageLogTest extends UsageLogContract {

    private static final InMemoryUsageLog LOG = new InMemoryUsageLog();

    @Override
    protected UsageLog usageLog() {
        return LOG;
    }
}
