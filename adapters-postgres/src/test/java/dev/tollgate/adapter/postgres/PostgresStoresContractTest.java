package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.StoresContract;

/** The SQL stores on PostgreSQL pass the whole kit: each port's contract on a fresh database, dropped after it. */
class PostgresStoresContractTest extends StoresContract {

    @Override
    protected Stores newStores(Closer closer) {
        return closer.register(new PostgresTestDatabase()).stores();
    }
}
