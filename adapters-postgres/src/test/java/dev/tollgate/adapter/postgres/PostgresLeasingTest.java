package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.testing.LeasingContract;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/**
 * The leasing stores on PostgreSQL ({@link LeasingContract}), on one database for the class and
 * its nested contracts, dropped after all of them (an extension would drop it after the first).
 */
class PostgresLeasingTest extends LeasingContract {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Override
    protected DataSource openPool() {
        return DATABASE.pool(10);
    }

    @Override
    protected SqlDatabase storesOver(DataSource dataSource) {
        return PostgresStores.over(dataSource);
    }
}
