package dev.tollgate.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening a database: the schema record, a newer database refused, the indexes, and connection strings. */
class MongoSchemaTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

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
                    Collections.SERVICE_ACCOUNTS, Collections.KNOWN_DEVICES, Collections.IP_RULES)) {
                List<Document> indexes = db.getCollection(collection).listIndexes().into(new ArrayList<>());
                if (indexes.stream().noneMatch(index -> !"_id_".equals(index.getString("name")))) {
                    withoutIndexes.add(collection);
                }
            }
            assertThat(withoutIndexes).as("collections with no index of their own").isEmpty();
        }
    }

    @Test
    void a_version_1_database_is_raised_to_the_current_version_and_its_documents_read_with_the_new_fields_unset() {
        UserRef user = UserRecords.aUser().build().ref();
        ApiKeyRecord key = new ApiKeyRecord(new ApiKeyId(UUID.randomUUID()), user, "old key", "d-" + UUID.randomUUID(),
                "tg_old", null, false, T0, null, null);
        SessionRecord session = new SessionRecord(new SessionId(UUID.randomUUID()), user, "a-" + UUID.randomUUID(),
                "r-" + UUID.randomUUID(), T0, T0, T0.plusSeconds(900), T0.plusSeconds(86_400), null, null, null);
        try (MongoStores first = MongoStores.over(client, database)) {
            first.stores().apiKeys().create(key);
            first.stores().sessions().create(session);
        }
        // as a version-1 Tollgate wrote them: no address ranges, no device, the record at 1
        MongoDatabase db = client.getDatabase(database);
        db.getCollection(Collections.API_KEYS).updateMany(new Document(), Updates.unset("allowedIps"));
        db.getCollection(Collections.SESSIONS).updateMany(new Document(), Updates.unset("device"));
        db.getCollection(Collections.SCHEMA).updateOne(Filters.eq("_id", "schema"), Updates.set("version", 1));

        try (MongoStores again = MongoStores.over(client, database)) {
            assertThat(db.getCollection(Collections.SCHEMA).find().first().get("version"))
                    .isEqualTo(MongoStores.SCHEMA_VERSION);
            assertThat(again.stores().apiKeys().find(user, key.id())).contains(key);
            assertThat(again.stores().apiKeys().find(user, key.id()).orElseThrow().allowedIps()).isEmpty();
            assertThat(again.stores().sessions().findByAccessDigest(user.tenant(), session.accessDigest()))
                    .contains(session);
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
