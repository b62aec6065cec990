package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.tck.metering.SubscriptionStoreContract;

class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {

    private static final InMemorySubscriptionStore STORE = new InMemorySubscriptionStore();

    @Override
    protected SubscriptionStore subscriptionStore() {
        return STORE;
    }
}
