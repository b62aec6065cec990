package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.tck.limit.WindowCountersContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresWindowCountersTest extends WindowCountersContract {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = new PostgresTestDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected WindowCounters windowCounters() {
        return database.database.stores().counters();
    }
}
