package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.tck.session.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteSessionStoreTest extends SessionStoreContract {

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
    protected SessionStore sessionStore() {
        return database.database.stores().sessions();
    }
}
