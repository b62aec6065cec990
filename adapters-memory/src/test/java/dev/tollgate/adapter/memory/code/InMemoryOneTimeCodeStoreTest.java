package dev.tollgate.adapter.memory.code;

import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.tck.code.OneTimeCodeStoreContract;

class InMemoryOneTimeCodeStoreTest extends OneTimeCodeStoreContract {

    /** One store for every test, as a database would be: the contract must not assume an empty store. */
    private static final InMemoryOneTimeCodeStore STORE = new InMemoryOneTimeCodeStore();

    @Override
    protected OneTimeCodeStore oneTimeCodeStore() {
        return STORE;
    }
}
