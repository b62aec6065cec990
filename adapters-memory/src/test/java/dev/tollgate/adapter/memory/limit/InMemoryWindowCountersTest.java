package dev.tollgate.adapter.memory.limit;

import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.tck.limit.WindowCountersContract;

class InMemoryWindowCountersTest extends WindowCountersContract {

    /** One store for every test, as a database would be: the contract must not assume an empty store. */
    private static final InMemoryWindowCounters STORE = new InMemoryWindowCounters();

    @Override
    protected WindowCounters windowCounters() {
        return STORE;
    }
}
