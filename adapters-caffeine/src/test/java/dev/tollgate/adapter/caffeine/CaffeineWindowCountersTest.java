package dev.tollgate.adapter.caffeine;

import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.tck.limit.WindowCountersContract;

class CaffeineWindowCountersTest extends WindowCountersContract {

    private static final CaffeineWindowCounters COUNTERS = CaffeineWindowCounters.create();

    @Override
    protected WindowCounters windowCounters() {
        return COUNTERS;
    }
}
