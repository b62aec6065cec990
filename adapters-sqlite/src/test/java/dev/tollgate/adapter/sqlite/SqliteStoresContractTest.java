package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.StoresContract;

/** The SQL stores on SQLite pass the whole kit: each port's contract on a fresh database file, deleted after it. */
class SqliteStoresContractTest extends StoresContract {

    @Override
    protected Stores newStores(Closer closer) {
        return closer.register(new SqliteTestDatabase()).stores();
    }
}
