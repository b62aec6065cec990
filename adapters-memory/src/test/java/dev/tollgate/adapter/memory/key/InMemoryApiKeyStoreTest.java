package dev.tollgate.adapter.memory.key;

import dev.tollgate.port.spi.key.ApiKeyStore;
import dev.tollgate.tck.key.ApiKeyStoreContract;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {

    private static final InMemoryApiKeyStore STORE = new InMemoryApiKeyStore();

    @Override
    protected ApiKeyStore apiKeyStore() {
        return STORE;
    }
}
