package dev.tollgate.adapter.memory.user;

import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.user.UserStoreContract;

class InMemoryUserStoreTest extends UserStoreContract {

    /** One store for every test, as a database would be: the contract must not assume an empty store. */
    private static final InMemoryUserStore STORE = new InMemoryUserStore();

    @Override
    protected UserStore userStore() {
        return STORE;
    }
}
