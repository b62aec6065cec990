package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.tck.code.OneTimeCodeStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteOneTimeCodeStoreTest extends OneTimeCodeStoreContract {

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
    protected OneTimeCodeStore oneTimeCodeStore() {
        return database.database.stores().codes();
    }
}
