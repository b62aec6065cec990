package dev.tollgate.adapter.mongo.tenant;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * The tenants in {@code tg_tenants}, one document a tenant: {@code _id} (the tenant's id),
 * {@code name}, {@code status}, {@code statusReason} (left out when null), {@code createdAt} and
 * {@code updatedAt} (microseconds). Ids order as MongoDB compares strings (binary, as
 * {@link String#compareTo} for the ASCII of tenant ids), and {@code list} pages on {@code _id}.
 *
 * <p>Opening adds, each by a {@code $setOnInsert} upsert that leaves an existing tenant as it
 * is, the default tenant ({@code Default}, active) and every tenant found among the users (named
 * by its id), both created at the epoch (the store has no clock), as the SQL migration does.
 * {@code insert} is one {@code insertOne} that the {@code _id} refuses when taken;
 * {@code rename} and {@code changeStatus} are one {@code updateOne} whose filter holds the
 * expected status.
 */
public final class MongoTenantStore implements TenantStore {

    private static final String ID = "_id";
    private static final String NAME = "name";
    private static final String STATUS = "status";
    private static final String STATUS_REASON = "statusReason";
    private static final String CREATED_AT = "createdAt";
    private static final String UPDATED_AT = "updatedAt";

    private final MongoCollection<Document> tenants;

    public MongoTenantStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.tenants = database.getCollection(Collections.TENANTS);
        ensure(TenantId.DEFAULT.value(), "Default");
        List<String> ofUsers = MongoCalls.call("find the tenants of users", () -> database.getCollection(Collections.USERS)
                .distinct(Collections.TENANT, String.class).into(new ArrayList<>()));
        ofUsers.stream().filter(Objects::nonNull).forEach(tenant -> ensure(tenant, tenant));
    }

    /** Adds the tenant, active and created at the epoch, unless it exists. */
    private void ensure(String id, String name) {
        MongoCalls.run("add a tenant", () -> {
            try {
                tenants.updateOne(Filters.eq(ID, id), Updates.combine(Updates.setOnInsert(NAME, name),
                        Updates.setOnInsert(STATUS, TenantStatus.ACTIVE.name()), Updates.setOnInsert(CREATED_AT, 0L),
                        Updates.setOnInsert(UPDATED_AT, 0L)), new UpdateOptions().upsert(true));
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw e;
                }
                // another process added it at the same moment
            }
        });
    }

    @Override
    public Change insert(TenantRecord tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Document document = new Document(ID, tenant.id().value()).append(NAME, tenant.name())
                .append(STATUS, tenant.status().name())
                .append(CREATED_AT, Fields.micros(tenant.createdAt())).append(UPDATED_AT, Fields.micros(tenant.updatedAt()));
        if (tenant.statusReason() != null) {
            document.append(STATUS_REASON, tenant.statusReason());
        }
        try {
            tenants.insertOne(document);
            return Change.applied();
        } catch (MongoException e) {
            if (MongoCalls.isDuplicateKey(e)) {
                return Change.noMatch();
            }
            throw MongoCalls.unavailable("insert a tenant", e);
        }
    }

    @Override
    public Optional<TenantRecord> find(TenantId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(MongoCalls.call("find a tenant", () -> tenants.find(Filters.eq(ID, id.value())).first()))
                .map(MongoTenantStore::read);
    }

    @Override
    public List<TenantRecord> list(TenantId after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        return MongoCalls.call("list tenants", () -> tenants
                .find(after == null ? Filters.empty() : Filters.gt(ID, after.value()))
                .sort(Sorts.ascending(ID))
                .limit(limit)
                .map(MongoTenantStore::read)
                .into(new ArrayList<>()));
    }

    @Override
    public Change rename(TenantId id, String name, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(now, "now");
        return Change.of(MongoCalls.call("rename a tenant", () -> tenants.updateOne(Filters.eq(ID, id.value()),
                Updates.combine(Updates.set(NAME, name), Updates.set(UPDATED_AT, Fields.micros(now)))).getMatchedCount()) == 1);
    }

    @Override
    public Change changeStatus(TenantId id, TenantStatus expected, TenantStatus next, String reason, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        return Change.of(MongoCalls.call("change a tenant's status", () -> tenants.updateOne(
                Filters.and(Filters.eq(ID, id.value()), Filters.eq(STATUS, expected.name())),
                Updates.combine(Updates.set(STATUS, next.name()),
                        reason == null ? Updates.unset(STATUS_REASON) : Updates.set(STATUS_REASON, reason),
                        Updates.set(UPDATED_AT, Fields.micros(now)))).getMatchedCount()) == 1);
    }

    private static TenantRecord read(Document document) {
        return new TenantRecord(TenantId.of(document.getString(ID)), document.getString(NAME),
                TenantStatus.valueOf(document.getString(STATUS)), document.getString(STATUS_REASON),
                Fields.instant(((Number) document.get(CREATED_AT)).longValue()),
                Fields.instant(((Number) document.get(UPDATED_AT)).longValue()));
    }
}
