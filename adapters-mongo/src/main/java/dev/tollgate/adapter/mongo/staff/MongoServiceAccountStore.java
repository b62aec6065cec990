package dev.tollgate.adapter.mongo.staff;

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
import dev.tollgate.port.Change;
import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.staff.ServiceAccountRecord;
import dev.tollgate.port.spi.staff.ServiceAccountStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Service accounts in {@code tg_service_accounts}, one document per account:
 * <pre>
 * { _id: account id (lower-case UUID text), tenant, name, permissions: [Permission names, sorted],
 *   keyDigest, keyHint, createdAt: micros, createdBy: user id (text) or null, revokedAt: micros or null }
 * </pre>
 * A unique index on {@code keyDigest} (over all tenants, as the record requires) refuses a
 * clashing key, and {@code (tenant, _id)} lists a tenant's accounts in id order (the text order of
 * lower-case UUIDs is their unsigned order). {@link #revoke} is one conditional {@code updateOne}
 * ({@code revokedAt: null}), so of racing revocations exactly one applies.
 */
public final class MongoServiceAccountStore implements ServiceAccountStore {

    private static final String ID = "_id";
    private static final String TENANT = Collections.TENANT;
    private static final String NAME = "name";
    private static final String PERMISSIONS = "permissions";
    private static final String KEY_DIGEST = "keyDigest";
    private static final String KEY_HINT = "keyHint";
    private static final String CREATED_AT = "createdAt";
    private static final String CREATED_BY = "createdBy";
    private static final String REVOKED_AT = "revokedAt";

    private final MongoCollection<Document> accounts;

    public MongoServiceAccountStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.accounts = database.getCollection(Collections.SERVICE_ACCOUNTS);
        MongoCalls.run("create service account indexes", () -> {
            accounts.createIndex(Indexes.ascending(KEY_DIGEST), new IndexOptions().unique(true).name("key_digest"));
            accounts.createIndex(Indexes.ascending(TENANT, ID), new IndexOptions().name("tenant_id"));
        });
    }

    @Override
    public void insert(ServiceAccountRecord account) {
        Objects.requireNonNull(account, "account");
        Document document = new Document(ID, Fields.id(account.id().value()))
                .append(TENANT, account.tenant().value())
                .append(NAME, account.name())
                .append(PERMISSIONS, account.permissions().stream().map(Permission::name).sorted().toList())
                .append(KEY_DIGEST, account.keyDigest())
                .append(KEY_HINT, account.keyHint())
                .append(CREATED_AT, Fields.micros(account.createdAt()))
                .append(CREATED_BY, account.createdBy() == null ? null : Fields.id(account.createdBy().value()))
                .append(REVOKED_AT, account.revokedAt() == null ? null : Fields.micros(account.revokedAt()));
        MongoCalls.run("insert service account", () -> {
            try {
                accounts.insertOne(document);
            } catch (MongoException e) {
                if (MongoCalls.isDuplicateKey(e)) {
                    throw new StoreRejectedInputException(
                            "MongoDB store: insert service account refused: its id or key digest exists already");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<ServiceAccountRecord> findById(TenantId tenant, ServiceAccountId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return findOne("find service account", ofAccount(tenant, id));
    }

    @Override
    public Optional<ServiceAccountRecord> findByKeyDigest(String keyDigest) {
        Objects.requireNonNull(keyDigest, "keyDigest");
        return findOne("find service account by key", Filters.eq(KEY_DIGEST, keyDigest));
    }

    @Override
    public List<ServiceAccountRecord> list(TenantId tenant, ServiceAccountId after, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        Bson filter = after == null ? Filters.eq(TENANT, tenant.value())
                : Filters.and(Filters.eq(TENANT, tenant.value()), Filters.gt(ID, Fields.id(after.value())));
        return MongoCalls.call("list service accounts", () -> {
            List<ServiceAccountRecord> found = new ArrayList<>();
            for (Document document : accounts.find(filter).sort(Sorts.ascending(ID)).limit(limit)) {
                found.add(read(document));
            }
            return List.copyOf(found);
        });
    }

    @Override
    public Change revoke(TenantId tenant, ServiceAccountId id, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        long micros = Fields.micros(now);
        return Change.of(MongoCalls.call("revoke service account", () -> accounts.updateOne(
                Filters.and(ofAccount(tenant, id), Filters.eq(REVOKED_AT, null)),
                Updates.set(REVOKED_AT, micros)).getModifiedCount() == 1));
    }

    private Optional<ServiceAccountRecord> findOne(String operation, Bson filter) {
        return MongoCalls.call(operation, () -> Optional.ofNullable(accounts.find(filter).first())
                .map(MongoServiceAccountStore::read));
    }

    private static Bson ofAccount(TenantId tenant, ServiceAccountId id) {
        return Filters.and(Filters.eq(ID, Fields.id(id.value())), Filters.eq(TENANT, tenant.value()));
    }

    private static ServiceAccountRecord read(Document document) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : document.getList(PERMISSIONS, String.class, List.of())) {
            permissions.add(Permission.valueOf(name));
        }
        String createdBy = document.getString(CREATED_BY);
        return new ServiceAccountRecord(
                new ServiceAccountId(Fields.uuid(document.getString(ID))),
                TenantId.of(document.getString(TENANT)),
                document.getString(NAME),
                permissions,
                document.getString(KEY_DIGEST),
                document.getString(KEY_HINT),
                Fields.instantOrNull(document.get(CREATED_AT)),
                createdBy == null ? null : new UserId(Fields.uuid(createdBy)),
                Fields.instantOrNull(document.get(REVOKED_AT)));
    }
}
