package dev.tollgate.adapter.memory.cache;

import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.tck.cache.InvalidationBusContract;

class InProcessInvalidationBusContractTest extends InvalidationBusContract {

    @Override
    protected InvalidationBus newBus() {
        return new InProcessInvalidationBus();
    }

    @Override
    protected InvalidationBus peerOf(InvalidationBus bus) {
        return bus; // one process: its own listeners are all there is
    }
}
