package dev.tollgate.adapter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.account.MongoAccountArchive;
import dev.tollgate.adapter.mongo.admin.MongoStaffNotes;
import dev.tollgate.adapter.mongo.admin.MongoStatisticsStore;
import dev.tollgate.adapter.mongo.admin.MongoUserDirectory;
import dev.tollgate.adapter.mongo.audit.MongoAuditLog;
import dev.tollgate.adapter.mongo.code.MongoOneTimeCodeStore;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.adapter.mongo.key.MongoApiKeyStore;
import dev.tollgate.adapter.mongo.limit.MongoWindowCounters;
import dev.tollgate.adapter.mongo.metering.MongoMeterLedger;
import dev.tollgate.adapter.mongo.metering.MongoSubscriptionStore;
import dev.tollgate.adapter.mongo.metering.MongoUsageLog;
import dev.tollgate.adapter.mongo.mfa.MongoSecondFactorStore;
import dev.tollgate.adapter.mongo.network.MongoIpRuleStore;
import dev.tollgate.adapter.mongo.password.MongoPasswordHistory;
import dev.tollgate.adapter.mongo.session.MongoKnownDevices;
import dev.tollgate.adapter.mongo.session.MongoSessionStore;
import dev.tollgate.adapter.mongo.staff.MongoServiceAccountStore;
import dev.tollgate.adapter.mongo.staff.MongoStaffStore;
import dev.tollgate.adapter.mongo.tenant.MongoTenantStore;
import dev.tollgate.adapter.mongo.user.MongoUserStore;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.spi.Stores;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Tollgate's stores on MongoDB, in one database. Opening creates the collections' indexes
 * (idempotently) and checks the schema record: a database written by a newer Tollgate is
 * refused, as the SQL stores refuse a newer schema. Every atomic operation of a port is one
 * single-document operation ({@code findOneAndUpdate} with conditions, unique indexes), so
 * several processes may share the database and no multi-document transaction is needed.
 *
 * <p>Writes wait for the majority of a replica set ({@code w: majority}), so an answer a port
 * gave survives a fail-over; reads go to the primary with read concern {@code local}, so a read
 * that follows a conditional write which matched nothing (to tell why) sees what that write saw,
 * not a majority snapshot that may lag behind it.
 */
public final class MongoStores implements AutoCloseable {

    /**
     * The schema this code writes. A database with a higher version is refused; one of version 1
     * is raised to it on opening.
     *
     * <p>Version 2 added the second factors, password histories, known devices and IP rules, a
     * session's {@code device} and an API key's {@code allowedIps}. Its documents need no
     * rewriting (a field a version-1 document lacks reads as null or empty), but a Tollgate of
     * version 1 would ignore a key's address ranges and the IP rules, so it must not open a
     * database this code wrote.
     */
    public static final int SCHEMA_VERSION = 2;

    private final MongoClient ownedClient;
    private final MongoDatabase database;
    private final Stores stores;

    private MongoStores(MongoClient ownedClient, MongoDatabase database) {
        this.ownedClient = ownedClient;
        this.database = database;
        checkSchema(database);
        MongoUserStore users = new MongoUserStore(database);
        this.stores = new Stores(users, new MongoSessionStore(database), new MongoOneTimeCodeStore(database),
                new MongoWindowCounters(database), new MongoAuditLog(database), new MongoAccountArchive(database),
                new MongoApiKeyStore(database), new MongoMeterLedger(database), new MongoSubscriptionStore(database),
                new MongoUsageLog(database), new MongoTenantStore(database), new MongoStaffStore(database),
                new MongoServiceAccountStore(database), new MongoUserDirectory(database), new MongoStaffNotes(database),
                new MongoStatisticsStore(database), new MongoSecondFactorStore(database),
                new MongoPasswordHistory(database), new MongoKnownDevices(database), new MongoIpRuleStore(database));
    }

    /**
     * Connects to {@code connectionString} ({@code mongodb://...} or {@code mongodb+srv://...})
     * and opens the stores in {@code databaseName}; {@link #close} closes the client. Server
     * selection waits at most 5 s by default ({@code serverSelectionTimeoutMS} in the string
     * overrides it), so an unreachable server is a prompt {@link StoreUnavailableException}.
     */
    public static MongoStores open(String connectionString, String databaseName) {
        return open(connectionString, databaseName, null, null);
    }

    /**
     * As {@link #open(String, String)}, authenticating as {@code user} with {@code password}
     * (both null: as the connection string says) against the string's database, or
     * {@code admin} when it names none, as MongoDB's own default is. A string that carries
     * credentials of its own and a user besides are refused: say it once.
     */
    public static MongoStores open(String connectionString, String databaseName, String user, String password) {
        Objects.requireNonNull(connectionString, "connectionString");
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("a MongoDB user and password go together: give both or neither");
        }
        ConnectionString parsed;
        try {
            parsed = new ConnectionString(connectionString);
        } catch (IllegalArgumentException e) {
            // the message would quote the string, which may hold a password
            throw new IllegalArgumentException("not a MongoDB connection string (mongodb://host[:port]/...)");
        }
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(parsed)
                .applicationName("tollgate");
        if (user != null) {
            if (parsed.getCredential() != null) {
                throw new IllegalArgumentException("the MongoDB connection string has credentials already; "
                        + "give them there or as user and password, not both");
            }
            settings.credential(MongoCredential.createCredential(user,
                    parsed.getDatabase() != null ? parsed.getDatabase() : "admin", password.toCharArray()));
        }
        if (parsed.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS));
        }
        if (parsed.getConnectTimeout() == null) {
            settings.applyToSocketSettings(socket -> socket.connectTimeout(5, TimeUnit.SECONDS));
        }
        MongoClient client = MongoClients.create(settings.build());
        try {
            return new MongoStores(client, prepared(client, databaseName));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Opens the stores in {@code databaseName} over a client the application made and closes itself. */
    public static MongoStores over(MongoClient client, String databaseName) {
        return new MongoStores(null, prepared(Objects.requireNonNull(client, "client"), databaseName));
    }

    /** The stores, for {@code Tollgate.builder().stores(...)}. */
    public Stores stores() {
        return stores;
    }

    /** The database the stores write, with the stores' codecs and concerns. */
    public MongoDatabase database() {
        return database;
    }

    /** Whether the server answers a ping now (waiting at most the client's server selection timeout), for readiness checks. */
    public boolean reachable() {
        try {
            database.runCommand(new Document("ping", 1));
            return true;
        } catch (MongoException e) {
            return false;
        }
    }

    /** Closes the client when {@link #open} made it; a client passed to {@link #over} stays open. */
    @Override
    public void close() {
        if (ownedClient != null) {
            ownedClient.close();
        }
    }

    private static MongoDatabase prepared(MongoClient client, String databaseName) {
        Objects.requireNonNull(databaseName, "databaseName");
        if (databaseName.isEmpty() || databaseName.length() > 63 || !databaseName.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a database name is 1 to 63 letters, digits, '_' or '-'");
        }
        return client.getDatabase(databaseName)
                .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
                .withWriteConcern(WriteConcern.MAJORITY)
                .withReadConcern(ReadConcern.LOCAL)
                .withReadPreference(ReadPreference.primary());
    }

    /** Writes the schema record on a new database; refuses a database a newer Tollgate wrote. */
    private static void checkSchema(MongoDatabase database) {
        MongoCollection<Document> schema = database.getCollection(Collections.SCHEMA);
        Document record = MongoCalls.call("read the schema record", () -> {
            try {
                schema.updateOne(Filters.eq("_id", "schema"), Updates.setOnInsert("version", SCHEMA_VERSION),
                        new UpdateOptions().upsert(true));
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw e;
                }
                // another process wrote it at the same moment: read theirs
            }
            // version 1 to 2 rewrites no document (see SCHEMA_VERSION): raising the record is the migration;
            // the filter makes it a no-op when another process raised it first
            schema.updateOne(Filters.and(Filters.eq("_id", "schema"), Filters.eq("version", 1)),
                    Updates.set("version", SCHEMA_VERSION));
            return schema.find(Filters.eq("_id", "schema")).first();
        });
        int version = record == null || record.get("version") == null ? 0 : ((Number) record.get("version")).intValue();
        if (version > SCHEMA_VERSION) {
            throw new StoreUnavailableException("MongoDB store: the database's schema version " + version
                    + " is newer than this Tollgate's (" + SCHEMA_VERSION + "); run a Tollgate at least as new");
        }
        if (version < SCHEMA_VERSION) {
            // version 1 was raised above; a later version migrates there too, then raises the record
            throw new StoreUnavailableException("MongoDB store: unknown schema version " + version);
        }
    }
}
