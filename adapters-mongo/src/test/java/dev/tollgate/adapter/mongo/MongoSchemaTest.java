package dev.tollgate.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening a database: the schema record, a newer database refused, the indexes, and connection strings. */
class MongoSchemaTest {

    private final String database = MongoTestServer.freshDatabase();
    private MongoClient client;

    @BeforeEach
    void connect() {
        client = MongoClients.create(MongoTestServer.emulatorUrl());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void opening_a_database_again_changes_nothing_and_keeps_its_data() {
        UserRecord user = UserRecords.aUser().build();
        try (MongoStores first = MongoStores.open(MongoTestServer.emulatorUrl(), database)) {
            assertThat(first.stores().users().insert(user)).isEqualTo(InsertResult.inserted());
        }
        try (MongoStores again = MongoStores.over(client, database)) {
            assertThat(again.stores().users().findById(user.ref())).contains(user);
        }
        Document record = client.getDatabase(database).getCollection(Collections.SCHEMA).find().first();
        assertThat(record).isNotNull();
        assertThat(record.get("version")).isEqualTo(MongoStores.SCHEMA_VERSION);
        assertThat(client.getDatabase(database).getCollection(Collections.SCHEMA).countDocuments()).isEqualTo(1);
    }

    @Test
    void a_database_written_by_a_newer_tollgate_is_refused() {
        MongoStores.over(client, database).close();
        client.getDatabase(database).getCollection(Collections.SCHEMA)
                .updateOne(Filters.eq("_id", "schema"), Updates.set("version", MongoStores.SCHEMA_VERSION + 1));

        assertThatThrownBy(() -> MongoStores.over(client, database))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("schema version " + (MongoStores.SCHEMA_VERSION + 1))
                .hasMessageContaining("newer");
    }

    @Test
    void every_collection_the_stores_write_has_indexes_beyond_its_id() {
        try (MongoStores stores = MongoStores.over(client, database)) {
            MongoDatabase db = client.getDatabase(database);
            List<String> withoutIndexes = new ArrayList<>();
            for (String collection : List.of(Collections.USERS, Collections.SESSIONS, Collections.CODES,
                    Collections.COUNTERS, Collections.AUDIT, Collections.API_KEYS, Collections.BALANCES,
                    Collections.SUBSCRIPTIONS, Collections.USAGE_EVENTS, Collections.USAGE_DAILY, Collections.STAFF,
                    Collections.SERVICE_ACCOUNTS)) {
                List<Document> indexes = db.getCollection(collection).listIndexes().into(new ArrayList<>());
                if (indexes.stream().noneMatch(index -> !"_id_".equals(index.getString("name")))) {
                    withoutIndexes.add(collection);
                }
            }
            assertThat(withoutIndexes).as("collections with no index of their own").isEmpty();
        }
    }

    @Test
    void a_bad_connection_string_or_database_name_is_refused_without_quoting_it() {
        assertThatThrownBy(() -> MongoStores.open("postgres://admin:s3cret-pass@db:5432", "tollgate"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret-pass")
                .hasMessageContaining("mongodb://");
        assertThatThrownBy(() -> MongoStores.over(client, "has spaces"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database name");
    }
}
