package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.tck.limit.WindowCountersContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteWindowCountersTest extends WindowCountersContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected WindowCounters windowCounters() {
        return DATABASE.stores().counters();
    }
}
