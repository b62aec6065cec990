package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.tck.key.ApiKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteApiKeyStoreTest extends ApiKeyStoreContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected ApiKeyStore apiKeyStore() {
        return DATABASE.stores().apiKeys();
    }
}
