package dev.tollgate.adapter.mongo.session;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.KnownDevice;
import dev.tollgate.port.spi.session.KnownDevices;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Known devices in {@code tg_known_devices}, one document a user and device:
 * <pre>
 * { _id: ObjectId, tenant, user: user id (text), device: the device identifier's digest,
 *   firstSeenAt, lastSeenAt: micros, ip, userAgent: text or null }
 * </pre>
 * A unique index on {@code (tenant, user, device)} makes a device known once per user; an index on
 * {@code (tenant, user, lastSeenAt)} lists a user's devices.
 *
 * <p>{@link #sighted} updates the known device ({@code updateOne} on tenant, user and digest:
 * {@code KNOWN}); when none matched it inserts the device ({@code NEW}). Of racing first
 * sightings the unique index lets one insert win (E11000 for the others), and each loser
 * updates the device the winner inserted and answers {@code KNOWN}, so exactly one is
 * {@code NEW} and the winner's first sighting stays.
 */
public final class MongoKnownDevices implements KnownDevices {

    private static final int ATTEMPTS = 10;

    private static final String ID = "_id";
    private static final String DEVICE = "device";
    private static final String FIRST_SEEN_AT = "firstSeenAt";
    private static final String LAST_SEEN_AT = "lastSeenAt";
    private static final String IP = "ip";
    private static final String USER_AGENT = "userAgent";

    private final MongoCollection<Document> devices;

    public MongoKnownDevices(MongoDatabase database) {
        this.devices = Objects.requireNonNull(database, "database").getCollection(Collections.KNOWN_DEVICES);
        MongoCalls.run("create the known device indexes", () -> {
            devices.createIndex(Indexes.ascending(Collections.TENANT, Collections.USER, DEVICE),
                    new IndexOptions().unique(true).name("tenant_user_device"));
            devices.createIndex(Indexes.ascending(Collections.TENANT, Collections.USER, LAST_SEEN_AT),
                    new IndexOptions().name("tenant_user_lastSeen"));
        });
    }

    @Override
    public Sighting sighted(KnownDevice device) {
        Objects.requireNonNull(device, "device");
        Bson known = Filters.and(ofUser(device.user()), Filters.eq(DEVICE, device.deviceDigest()));
        Bson seenAgain = Updates.combine(Updates.set(LAST_SEEN_AT, Fields.micros(device.lastSeenAt())),
                Updates.set(IP, device.ip()), Updates.set(USER_AGENT, device.userAgent()));
        Document document = new Document(Collections.TENANT, device.user().tenant().value())
                .append(Collections.USER, Fields.id(device.user().id().value()))
                .append(DEVICE, device.deviceDigest())
                .append(FIRST_SEEN_AT, Fields.micros(device.firstSeenAt()))
                .append(LAST_SEEN_AT, Fields.micros(device.lastSeenAt()))
                .append(IP, device.ip())
                .append(USER_AGENT, device.userAgent());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long matched = MongoCalls.call("record a known device's sighting",
                    () -> devices.updateOne(known, seenAgain).getMatchedCount());
            if (matched == 1) {
                return Sighting.KNOWN;
            }
            try {
                // a fresh copy: the driver gives an inserted document its _id
                devices.insertOne(new Document(document));
                return Sighting.NEW;
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw MongoCalls.unavailable("record a new device", e);
                }
                // another sighting inserted it first: it is known now, update it
            }
        }
        throw new StoreUnavailableException("MongoDB store: a device sighting met concurrent changes " + ATTEMPTS + " times");
    }

    @Override
    public List<KnownDevice> list(UserRef user) {
        Bson filter = ofUser(user);
        return MongoCalls.call("list known devices", () -> List.copyOf(devices.find(filter)
                .sort(Sorts.descending(LAST_SEEN_AT, ID))
                .map(MongoKnownDevices::read)
                .into(new ArrayList<>())));
    }

    @Override
    public int deleteAll(UserRef user) {
        Bson filter = ofUser(user);
        return MongoCalls.call("delete known devices", () -> Math.toIntExact(devices.deleteMany(filter).getDeletedCount()));
    }

    private static Bson ofUser(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Filters.and(Filters.eq(Collections.TENANT, user.tenant().value()),
                Filters.eq(Collections.USER, Fields.id(user.id().value())));
    }

    private static KnownDevice read(Document document) {
        UserRef user = UserRef.of(TenantId.of(document.getString(Collections.TENANT)),
                new UserId(Fields.uuid(document.getString(Collections.USER))));
        return new KnownDevice(user, document.getString(DEVICE), Fields.instantOrNull(document.get(FIRST_SEEN_AT)),
                Fields.instantOrNull(document.get(LAST_SEEN_AT)), document.getString(IP), document.getString(USER_AGENT));
    }
}
