package dev.tollgate.server;

import dev.tollgate.testing.mongo.MongoTestServer;
import java.util.Map;

/**
 * Several processes sharing one MongoDB database (the in-JVM emulator of the test, which the
 * server processes reach over loopback) and nothing else: window counters and balances are
 * single-document atomic updates, and invalidations travel through the database's notice
 * collection.
 */
class SeveralNodesOnMongoIT extends SeveralNodes {

    @Override
    Map<String, String> deploymentSettings() {
        return Map.of(
                "TOLLGATE_STORE", "mongo",
                "TOLLGATE_DB_URL", MongoTestServer.emulatorUrl() + "/" + MongoTestServer.freshDatabase(),
                // the PostgreSQL credentials the base class sets are not the emulator's (which has none)
                "TOLLGATE_DB_USER", "",
                "TOLLGATE_DB_PASSWORD", "");
    }
}
