package dev.tollgate.cache;

import dev.tollgate.Tollgate;
import dev.tollgate.testing.mongo.MongoTestServer;

/** Two instances on one MongoDB database (the in-JVM emulator), each with a client of its own: notices through the database. */
class TwoCachedInstancesOnMongoTest extends TwoCachedInstances {

    private final String database = MongoTestServer.freshDatabase();

    @Override
    Tollgate.Builder onTheStore(Tollgate.Builder builder) {
        return builder.mongo(MongoTestServer.emulatorUrl(), database);
    }

    @Override
    void dropTheDatabase() {
        // the emulator keeps it in memory until the JVM ends; the name is this test's alone
    }
}
