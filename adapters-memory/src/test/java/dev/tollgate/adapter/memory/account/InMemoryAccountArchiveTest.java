package dev.tollgate.adapter.memory.account;

import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.tck.account.AccountArchiveContract;

class InMemoryAccountArchiveTest extends AccountArchiveContract {

    /** One store for every test, as a database would be: the contract must not assume an empty store. */
    private static final InMemoryAccountArchive STORE = new InMemoryAccountArchive();

    @Override
    protected AccountArchive accountArchive() {
        return STORE;
    }
}
