package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.tck.key.ApiKeyStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteApiKeyStoreTest extends ApiKeyStoreContract {

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
    protected ApiKeyStore apiKeyStore() {
        return database.database.stores().apiKeys();
    }
}
