package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.tck.key.ApiKeyStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresApiKeyStoreTest extends ApiKeyStoreContract {

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
    protected ApiKeyStore apiKeyStore() {
        return database.database.stores().apiKeys();
    }
}
