package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.tck.limit.WindowCountersContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteWindowCountersTest extends WindowCountersContract {

    private static SqliteTestDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = new SqliteTestDatabase();
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
