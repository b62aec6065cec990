package dev.tollgate.adapter.mongo;

import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.StoresContract;
import dev.tollgate.testing.mongo.MongoTestServer;

/** The whole contract test kit on the MongoDB stores, through the real driver against the in-JVM emulator. */
class MongoStoresContractTest extends StoresContract {

    @Override
    protected Stores newStores(Closer closer) {
        return closer.register(MongoStores.open(MongoTestServer.emulatorUrl(), MongoTestServer.freshDatabase())).stores();
    }
}
