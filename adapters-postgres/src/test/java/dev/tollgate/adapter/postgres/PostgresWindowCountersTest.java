package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.tck.limit.WindowCountersContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresWindowCountersTest extends WindowCountersContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected WindowCounters windowCounters() {
        return DATABASE.stores().counters();
    }
}
