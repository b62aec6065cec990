package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.tck.session.SessionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresSessionStoreTest extends SessionStoreContract {

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
    protected SessionStore sessionStore() {
        return database.database.stores().sessions();
    }
}
