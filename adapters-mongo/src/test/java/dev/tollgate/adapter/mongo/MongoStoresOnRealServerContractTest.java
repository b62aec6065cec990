package dev.tollgate.adapter.mongo;

import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.StoresContract;
import dev.tollgate.testing.mongo.MongoTestServer;

/**
 * The whole contract test kit against a real MongoDB: {@code TOLLGATE_TEST_MONGO_URL}, else a
 * Testcontainers {@code mongo:7} where Docker runs, else skipped with the reason (the emulator's
 * run, {@link MongoStoresContractTest}, covers the same contracts). The same code path as on
 * the emulator: nothing in the adapter knows which it talks to.
 */
class MongoStoresOnRealServerContractTest extends StoresContract {

    @Override
    protected Stores newStores(Closer closer) {
        MongoStores mongo = closer.register(MongoStores.open(MongoTestServer.realUrl(), MongoTestServer.freshDatabase()));
        // registered after the stores, so closed before them: a real server keeps its databases
        closer.register(() -> mongo.database().drop());
        return mongo.stores();
    }
}
