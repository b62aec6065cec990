package dev.tollgate.adapter.memory.plan;

import dev.tollgate.port.spi.plan.SubscriptionStore;
import dev.tollgate.tck.plan.SubscriptionStoreContract;

class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {

    private static final InMemorySubscriptionStore STORE = new InMemorySubscriptionStore();

    @Override
    protected SubscriptionStore subscriptionStore() {
        return STORE;
    }
}
