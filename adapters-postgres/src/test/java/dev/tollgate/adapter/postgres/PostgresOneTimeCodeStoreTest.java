package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.tck.code.OneTimeCodeStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresOneTimeCodeStoreTest extends OneTimeCodeStoreContract {

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
    protected OneTimeCodeStore oneTimeCodeStore() {
        return database.database.stores().codes();
    }
}
