package dev.tollgate.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.cache.MongoInvalidationBus;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the bus does with notices it did not write itself. */
class MongoInvalidationBusTest {

    private final MongoClient client = MongoClients.create(MongoTestServer.emulatorUrl());
    private final MongoDatabase database = client.getDatabase(MongoTestServer.freshDatabase());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aNoticeItCannotRead_meansEverything_andTheBusReadsOn() {
        try (MongoInvalidationBus bus = MongoInvalidationBus.on(database)) {
            ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
            bus.subscribe(heard::add);
            assertThat(Eventually.holds(bus::connected)).isTrue();

            database.getCollection(Collections.INVALIDATIONS).updateOne(Filters.eq("_id", new ObjectId()),
                    Updates.combine(Updates.set("notice", "v9:a-form-of-the-future"), Updates.currentDate("at")),
                    new UpdateOptions().upsert(true));

            assertThat(Eventually.holds(() -> heard.contains(Invalidation.everything()))).isTrue();
            Invalidation later = Invalidation.of(TenantId.of("after-the-odd-one"));
            bus.publish(later);
            assertThat(Eventually.holds(() -> heard.contains(later))).as("still reading").isTrue();
            assertThat(Eventually.holds(bus::connected)).isTrue();
        }
    }
}
