package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.tck.key.ApiKeyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresApiKeyStoreTest extends ApiKeyStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected ApiKeyStore apiKeyStore() {
        return DATABASE.stores().apiKeys();
    }
}
