package dev.tollgate.adapter.mongo.admin;

import dev.tollgate.adapter.mongo.MongoStores;
import dev.tollgate.port.spi.admin.UserDirectory;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.staff.StaffStore;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.admin.UserDirectoryContract;
import dev.tollgate.testing.mongo.MongoTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The directory's contract once more with every plan filter walking the users and joining their
 * subscriptions, the way it reads a plan too common to be read from its subscribers (the kit's
 * run through {@code MongoStoresContractTest} reads its small plans from their subscribers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MongoUserDirectoryWalkingContractTest extends UserDirectoryContract {

    private final MongoStores mongo = MongoStores.open(MongoTestServer.emulatorUrl(), MongoTestServer.freshDatabase());
    private final MongoUserDirectory walking = new MongoUserDirectory(mongo.database(), 0);

    @AfterAll
    void close() {
        mongo.close();
    }

    @Override
    protected UserDirectory userDirectory() {
        return walking;
    }

    @Override
    protected UserStore userStore() {
        return mongo.stores().users();
    }

    @Override
    protected SubscriptionStore subscriptionStore() {
        return mongo.stores().subscriptions();
    }

    @Override
    protected StaffStore staffStore() {
        return mongo.stores().staff();
    }
}
