package dev.tollgate.adapter.memory.session;

import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.tck.session.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {

    /** One store for every test, as a database would be: the contract must not assume an empty store. */
    private static final InMemorySessionStore STORE = new InMemorySessionStore();

    @Override
    protected SessionStore sessionStore() {
        return STORE;
    }
}
