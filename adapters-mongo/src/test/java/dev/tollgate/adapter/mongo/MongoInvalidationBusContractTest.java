package dev.tollgate.adapter.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.tollgate.adapter.mongo.cache.MongoInvalidationBus;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.tck.cache.InvalidationBusContract;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;

/** The bus contract on one emulated database, each bus through a client of its own, as processes would. */
class MongoInvalidationBusContractTest extends InvalidationBusContract {

    private static final String DATABASE = MongoTestServer.freshDatabase();
    private static final List<MongoClient> CLIENTS = new CopyOnWriteArrayList<>();

    @Override
    protected InvalidationBus newBus() {
        MongoClient client = MongoClients.create(MongoTestServer.emulatorUrl());
        CLIENTS.add(client);
        return MongoInvalidationBus.on(client.getDatabase(DATABASE));
    }

    @AfterAll
    static void closeClients() {
        CLIENTS.forEach(MongoClient::close);
    }
}
