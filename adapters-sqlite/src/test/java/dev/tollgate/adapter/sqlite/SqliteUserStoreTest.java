package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.user.UserStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteUserStoreTest extends UserStoreContract {

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
    protected UserStore userStore() {
        return database.database.stores().users();
    }
}
