package dev.tollgate.adapter.memory;

import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.StoresContract;

/** The in-memory stores pass the whole kit: one fresh set per port's contract, shared by its tests. */
class InMemoryStoresContractTest extends StoresContract {

    @Override
    protected Stores newStores(Closer closer) {
        return InMemoryStores.create().asStores();
    }
}
