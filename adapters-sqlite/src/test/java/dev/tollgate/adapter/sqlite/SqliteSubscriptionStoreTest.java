package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.tck.metering.SubscriptionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteSubscriptionStoreTest extends SubscriptionStoreContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected SubscriptionStore subscriptionStore() {
        return DATABASE.stores().subscriptions();
    }
}
