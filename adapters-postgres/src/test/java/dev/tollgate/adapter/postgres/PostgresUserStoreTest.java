package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.user.UserStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresUserStoreTest extends UserStoreContract {

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
    protected UserStore userStore() {
        return database.database.stores().users();
    }
}
