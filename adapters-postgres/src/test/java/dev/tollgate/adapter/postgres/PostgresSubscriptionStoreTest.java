package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.tck.metering.SubscriptionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected SubscriptionStore subscriptionStore() {
        return DATABASE.stores().subscriptions();
    }
}
