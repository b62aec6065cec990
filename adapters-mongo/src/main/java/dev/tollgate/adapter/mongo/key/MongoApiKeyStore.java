package dev.tollgate.adapter.mongo.key;

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
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.key.ApiKeyRecord;
import dev.tollgate.port.spi.key.ApiKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * API keys in {@code tg_api_keys}, one document per key:
 * {@code {_id: key id, tenant, user, name, digest, displayPrefix, sealedSecret, primary,
 * createdAt, expiresAt, revokedAt, allowedIps}} (ids as text, instants as microseconds, absent
 * values as null; {@code allowedIps} an array of CIDR texts in the order given, empty or absent
 * for a key that works from anywhere). A unique index on {@code (tenant, digest)} makes a digest unique within its tenant and
 * finds it; an index on {@code (tenant, user, createdAt)} lists a user's keys.
 *
 * <p>Every write is one single-document operation whose filter names the tenant and the user,
 * so no other tenant's key can match: revocation is an {@code updateOne} that matches only a
 * key not revoked yet, regeneration an {@code updateOne} that matches only the live key whose
 * digest is still the one expected (compare-and-set), so of concurrent calls exactly one
 * applies and the old digest stops matching for every process at once; restricting the addresses
 * is an {@code updateOne} that matches only a key not revoked and sets the whole array.
 */
public final class MongoApiKeyStore implements ApiKeyStore {

    private static final String ID = "_id";
    private static final String NAME = "name";
    private static final String DIGEST = "digest";
    private static final String DISPLAY_PREFIX = "displayPrefix";
    private static final String SEALED_SECRET = "sealedSecret";
    private static final String PRIMARY = "primary";
    private static final String CREATED_AT = "createdAt";
    private static final String EXPIRES_AT = "expiresAt";
    private static final String REVOKED_AT = "revokedAt";
    private static final String ALLOWED_IPS = "allowedIps";

    private final MongoCollection<Document> keys;

    public MongoApiKeyStore(MongoDatabase database) {
        this.keys = Objects.requireNonNull(database, "database").getCollection(Collections.API_KEYS);
        MongoCalls.run("create the api key indexes", () -> {
            keys.createIndex(Indexes.ascending(Collections.TENANT, DIGEST), new IndexOptions().unique(true));
            keys.createIndex(Indexes.ascending(Collections.TENANT, Collections.USER, CREATED_AT));
        });
    }

    @Override
    public void create(ApiKeyRecord key) {
        Objects.requireNonNull(key, "key");
        Document document = new Document(ID, Fields.id(key.id().value()))
                .append(Collections.TENANT, key.user().tenant().value())
                .append(Collections.USER, Fields.id(key.user().id().value()))
                .append(NAME, key.name())
                .append(DIGEST, key.digest())
                .append(DISPLAY_PREFIX, key.displayPrefix())
                .append(SEALED_SECRET, key.sealedSecret())
                .append(PRIMARY, key.primary())
                .append(CREATED_AT, Fields.micros(key.createdAt()))
                .append(EXPIRES_AT, micros(key.expiresAt()))
                .append(REVOKED_AT, micros(key.revokedAt()))
                .append(ALLOWED_IPS, key.allowedIps());
        MongoCalls.run("create api key", () -> {
            try {
                keys.insertOne(document);
            } catch (MongoException e) {
                if (MongoCalls.isDuplicateKey(e)) {
                    // neither the id nor the digest is named: the digest identifies a secret
                    throw new IllegalStateException("an API key of this id, or of this digest in its tenant, exists already");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<ApiKeyRecord> findByDigest(TenantId tenant, String digest) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(digest, "digest");
        return MongoCalls.call("find api key by digest", () -> Optional.ofNullable(
                keys.find(Filters.and(Filters.eq(Collections.TENANT, tenant.value()), Filters.eq(DIGEST, digest))).first())
                .map(MongoApiKeyStore::read));
    }

    @Override
    public Optional<ApiKeyRecord> find(UserRef user, ApiKeyId key) {
        Objects.requireNonNull(key, "key");
        Bson filter = ofKey(user, key);
        return MongoCalls.call("find api key", () -> Optional.ofNullable(keys.find(filter).first())
                .map(MongoApiKeyStore::read));
    }

    @Override
    public List<ApiKeyRecord> list(UserRef user) {
        Bson filter = ofUser(user);
        return MongoCalls.call("list api keys", () -> keys.find(filter)
                .sort(Sorts.descending(CREATED_AT, ID))
                .map(MongoApiKeyStore::read)
                .into(new ArrayList<>()));
    }

    @Override
    public Change revoke(UserRef user, ApiKeyId key, Instant at) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        Bson filter = Filters.and(ofKey(user, key), Filters.eq(REVOKED_AT, null));
        return MongoCalls.call("revoke api key", () -> Change.of(
                keys.updateOne(filter, Updates.set(REVOKED_AT, Fields.micros(at))).getMatchedCount() == 1));
    }

    @Override
    public Change replaceSecret(UserRef user, ApiKeyId key, String expectedDigest, String newDigest,
            String newDisplayPrefix, String newSealedSecret) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expectedDigest, "expectedDigest");
        Objects.requireNonNull(newDigest, "newDigest");
        Objects.requireNonNull(newDisplayPrefix, "newDisplayPrefix");
        Bson filter = Filters.and(ofKey(user, key), Filters.eq(REVOKED_AT, null), Filters.eq(DIGEST, expectedDigest));
        Bson update = Updates.combine(Updates.set(DIGEST, newDigest), Updates.set(DISPLAY_PREFIX, newDisplayPrefix),
                Updates.set(SEALED_SECRET, newSealedSecret));
        return MongoCalls.call("replace api key secret", () -> {
            try {
                return Change.of(keys.updateOne(filter, update).getMatchedCount() == 1);
            } catch (MongoException e) {
                if (MongoCalls.isDuplicateKey(e)) {
                    throw new IllegalStateException("another API key of the tenant has the new digest already");
                }
                throw e;
            }
        });
    }

    @Override
    public Change restrictAddresses(UserRef user, ApiKeyId key, List<String> allowedIps) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(allowedIps, "allowedIps");
        List<String> ranges = List.copyOf(allowedIps);
        Bson filter = Filters.and(ofKey(user, key), Filters.eq(REVOKED_AT, null));
        return MongoCalls.call("restrict api key addresses", () -> Change.of(
                keys.updateOne(filter, Updates.set(ALLOWED_IPS, ranges)).getMatchedCount() == 1));
    }

    @Override
    public int deleteAll(UserRef user) {
        Bson filter = ofUser(user);
        return MongoCalls.call("delete api keys", () -> Math.toIntExact(keys.deleteMany(filter).getDeletedCount()));
    }

    private static Bson ofUser(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Filters.and(Filters.eq(Collections.TENANT, user.tenant().value()),
                Filters.eq(Collections.USER, Fields.id(user.id().value())));
    }

    private static Bson ofKey(UserRef user, ApiKeyId key) {
        return Filters.and(Filters.eq(ID, Fields.id(key.value())), ofUser(user));
    }

    private static Long micros(Instant instant) {
        return instant == null ? null : Fields.micros(instant);
    }

    private static ApiKeyRecord read(Document document) {
        UserRef user = new UserRef(TenantId.of(document.getString(Collections.TENANT)),
                new UserId(Fields.uuid(document.getString(Collections.USER))));
        return new ApiKeyRecord(new ApiKeyId(Fields.uuid(document.getString(ID))), user, document.getString(NAME),
                document.getString(DIGEST), document.getString(DISPLAY_PREFIX), document.getString(SEALED_SECRET),
                Boolean.TRUE.equals(document.getBoolean(PRIMARY)), Fields.instant(((Number) document.get(CREATED_AT)).longValue()),
                Fields.instantOrNull(document.get(EXPIRES_AT)), Fields.instantOrNull(document.get(REVOKED_AT)),
                document.getList(ALLOWED_IPS, String.class, List.of()));
    }
}
