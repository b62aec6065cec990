package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.settings.UsageSettings;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsageSink;
import dev.tollgate.tck.metering.UsageSinkContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

class BatchingUsageSinkContractTest extends UsageSinkContract {

    private BatchingUsageSink sink;

    @Override
    protected UsageLog usageLog() {
        return new InMemoryUsageLog();
    }

    @Override
    protected UsageSink usageSink(UsageLog log) {
        sink = new BatchingUsageSink(log, UsageSettings.DEFAULTS, ZONE, Clock.systemUTC());
        return sink;
    }

    @AfterEach
    void close() {
        sink.close();
    }
}
