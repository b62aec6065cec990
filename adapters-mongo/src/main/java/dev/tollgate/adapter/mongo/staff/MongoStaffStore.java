package dev.tollgate.adapter.mongo.staff;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.staff.StaffChange;
import dev.tollgate.port.spi.staff.StaffChange.Kind;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Staff roles in {@code tg_staff}, one document per user, which the user directory reads too:
 * <pre>
 * { _id: "tenant/user id", tenant, user: user id (text), role,
 *   grantedAt, updatedAt: micros, grantedBy: user id (text) or null, epoch: long }
 * </pre>
 * A unique index on {@code (tenant, user)} gives a user at most one role (and orders
 * {@link #list}: lower-case UUID text sorts as unsigned numbers); {@code role} is indexed for
 * {@link #countHolders}. {@code epoch} is new on every write of the document (see
 * {@link StaffRoster}); each change is a compare-and-set on it.
 *
 * <p>The guard spans documents (the holders of a role are in all tenants), and MongoDB without
 * transactions changes one document atomically. So each role has a roster document
 * ({@link StaffRoster}, in {@code tg_staff_roles}) with the count of its holders, and the guard is
 * a condition of one update of it: "uncount me while the count is above one". Of two holders
 * demoting each other at once, that update succeeds for one only. The steps of a change:
 * <ol>
 * <li>read the user's document (role and epoch);</li>
 * <li>when the role changes, uncount the user from the old role's roster, guarded when the old
 *     role is the guarded one ({@link StaffRoster#leave});</li>
 * <li>one conditional {@code findOneAndUpdate} (or {@code findOneAndDelete}) of the document,
 *     on the role expected and the epoch read: of concurrent changes of one user, one applies, the
 *     others read again;</li>
 * <li>count the user in the new role's roster ({@link StaffRoster#enter}).</li>
 * </ol>
 * A crash after step 2 or 3 leaves the user uncounted in a role their document holds: the roster
 * counts fewer holders than there are, which can only refuse a demotion with
 * {@code LAST_HOLDER}, never leave the guarded role empty; the user's next change re-counts them.
 * {@link #countHolders}, {@link #find} and {@link #list} read the documents, which are the truth.
 *
 * <p>{@link #grant} is one insert (the unique {@code _id} decides between racing grants), then
 * step 4. {@link #grantFirst} claims the role's roster first (only while nobody is counted and
 * no other first grant is in progress, in one conditional update), then inserts, counts and
 * releases the claim: of racing first grants, one claims. A crash while claimed leaves the claim,
 * and later first grants of that role answer {@code HOLDER_EXISTS} (a refused setup, never two
 * first holders); removing the roster's {@code claim} field repairs it.
 */
public final class MongoStaffStore implements StaffStore {

    /** Reads again after a concurrent change of the same user this many times, then answers {@code NO_MATCH}. */
    private static final int TRIES = 8;

    private static final String ID = "_id";
    private static final String TENANT = Collections.TENANT;
    private static final String USER = Collections.USER;
    private static final String ROLE = Collections.STAFF_ROLE;
    private static final String GRANTED_AT = "grantedAt";
    private static final String GRANTED_BY = "grantedBy";
    private static final String UPDATED_AT = "updatedAt";
    private static final String EPOCH = "epoch";

    private final MongoCollection<Document> staff;
    private final StaffRoster roster;

    public MongoStaffStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.staff = database.getCollection(Collections.STAFF);
        this.roster = new StaffRoster(database);
        MongoCalls.run("create staff indexes", () -> {
            staff.createIndex(Indexes.ascending(TENANT, USER), new IndexOptions().unique(true).name("tenant_user"));
            staff.createIndex(Indexes.ascending(ROLE), new IndexOptions().name("role"));
        });
    }

    @Override
    public Optional<StaffRecord> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return MongoCalls.call("find staff", () -> Optional.ofNullable(staff.find(Filters.eq(ID, key(user))).first())
                .map(MongoStaffStore::read));
    }

    @Override
    public StaffChange grant(StaffRecord record) {
        Objects.requireNonNull(record, "staff");
        return MongoCalls.call("grant staff role", () -> {
            long epoch = roster.nextEpoch();
            if (!insert(record, epoch)) {
                return StaffChange.of(Kind.ALREADY_STAFF);
            }
            roster.enter(record.role(), key(record.user()), epoch);
            return StaffChange.applied(record);
        });
    }

    @Override
    public StaffChange grantFirst(StaffRecord record) {
        Objects.requireNonNull(record, "staff");
        String key = key(record.user());
        return MongoCalls.call("grant first staff role", () -> {
            if (staff.find(Filters.eq(ID, key)).first() != null) {
                return StaffChange.of(Kind.ALREADY_STAFF);
            }
            if (staff.countDocuments(Filters.eq(ROLE, record.role())) > 0 || !roster.claimFirst(record.role(), key)) {
                return StaffChange.of(Kind.HOLDER_EXISTS);
            }
            try {
                if (staff.countDocuments(Filters.eq(ROLE, record.role())) > 0) {
                    // a plain grant of the role came in between
                    return StaffChange.of(Kind.HOLDER_EXISTS);
                }
                long epoch = roster.nextEpoch();
                if (!insert(record, epoch)) {
                    return StaffChange.of(Kind.ALREADY_STAFF);
                }
                roster.enter(record.role(), key, epoch);
                return StaffChange.applied(record);
            } finally {
                roster.release(record.role(), key);
            }
        });
    }

    @Override
    public StaffChange changeRole(UserRef user, String expectedRole, String role, UserId by, Instant now,
            String guardedRole) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedRole, "expectedRole");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(guardedRole, "guardedRole");
        String key = key(user);
        return MongoCalls.call("change staff role", () -> {
            for (int attempt = 0; attempt < TRIES; attempt++) {
                Document current = staff.find(Filters.eq(ID, key)).first();
                if (current == null || !expectedRole.equals(current.getString(ROLE))) {
                    return StaffChange.of(Kind.NO_MATCH);
                }
                long read = epoch(current);
                if (!role.equals(expectedRole)) {
                    StaffRoster.Leave left = roster.leave(expectedRole, key, read, expectedRole.equals(guardedRole));
                    if (left == StaffRoster.Leave.LAST_HOLDER) {
                        return StaffChange.of(Kind.LAST_HOLDER);
                    }
                    if (left == StaffRoster.Leave.STALE) {
                        continue;
                    }
                }
                long epoch = roster.nextEpoch();
                Document changed = staff.findOneAndUpdate(version(key, expectedRole, read),
                        Updates.combine(Updates.set(ROLE, role),
                                Updates.set(GRANTED_BY, by == null ? null : Fields.id(by.value())),
                                Updates.set(UPDATED_AT, Fields.micros(now)),
                                Updates.set(EPOCH, epoch)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                if (changed != null) {
                    roster.enter(role, key, epoch);
                    return StaffChange.applied(read(changed));
                }
                // changed concurrently: read again
            }
            return StaffChange.of(Kind.NO_MATCH);
        });
    }

    @Override
    public StaffChange revoke(UserRef user, String expectedRole, String guardedRole) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedRole, "expectedRole");
        Objects.requireNonNull(guardedRole, "guardedRole");
        String key = key(user);
        return MongoCalls.call("revoke staff role", () -> {
            for (int attempt = 0; attempt < TRIES; attempt++) {
                Document current = staff.find(Filters.eq(ID, key)).first();
                if (current == null || !expectedRole.equals(current.getString(ROLE))) {
                    return StaffChange.of(Kind.NO_MATCH);
                }
                long read = epoch(current);
                StaffRoster.Leave left = roster.leave(expectedRole, key, read, expectedRole.equals(guardedRole));
                if (left == StaffRoster.Leave.LAST_HOLDER) {
                    return StaffChange.of(Kind.LAST_HOLDER);
                }
                if (left == StaffRoster.Leave.STALE) {
                    continue;
                }
                Document removed = staff.findOneAndDelete(version(key, expectedRole, read));
                if (removed != null) {
                    return StaffChange.applied(read(removed));
                }
            }
            return StaffChange.of(Kind.NO_MATCH);
        });
    }

    @Override
    public long countHolders(String role) {
        Objects.requireNonNull(role, "role");
        return MongoCalls.call("count staff", () -> staff.countDocuments(Filters.eq(ROLE, role)));
    }

    @Override
    public List<StaffRecord> list(TenantId tenant, UserId after, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        if (limit == 0) {
            return List.of();
        }
        Bson filter = after == null ? Filters.eq(TENANT, tenant.value())
                : Filters.and(Filters.eq(TENANT, tenant.value()), Filters.gt(USER, Fields.id(after.value())));
        return MongoCalls.call("list staff", () -> {
            List<StaffRecord> found = new ArrayList<>();
            for (Document document : staff.find(filter).sort(Sorts.ascending(TENANT, USER)).limit(limit)) {
                found.add(read(document));
            }
            return List.copyOf(found);
        });
    }

    /** Inserts the user's document unless they have one. */
    private boolean insert(StaffRecord record, long epoch) {
        Document document = new Document(ID, key(record.user()))
                .append(TENANT, record.user().tenant().value())
                .append(USER, Fields.id(record.user().id().value()))
                .append(ROLE, record.role())
                .append(GRANTED_AT, Fields.micros(record.grantedAt()))
                .append(GRANTED_BY, record.grantedBy() == null ? null : Fields.id(record.grantedBy().value()))
                .append(UPDATED_AT, Fields.micros(record.updatedAt()))
                .append(EPOCH, epoch);
        try {
            staff.insertOne(document);
            return true;
        } catch (MongoException e) {
            if (MongoCalls.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private static Bson version(String key, String role, long epoch) {
        return Filters.and(Filters.eq(ID, key), Filters.eq(ROLE, role), Filters.eq(EPOCH, epoch));
    }

    /** The document's id and the user's key in the rosters: tenants and UUIDs hold no '/', '.' or '$'. */
    private static String key(UserRef user) {
        return user.tenant().value() + "/" + Fields.id(user.id().value());
    }

    private static long epoch(Document document) {
        Object epoch = document.get(EPOCH);
        return epoch == null ? 0 : ((Number) epoch).longValue();
    }

    private static StaffRecord read(Document document) {
        String grantedBy = document.getString(GRANTED_BY);
        return new StaffRecord(
                new UserRef(TenantId.of(document.getString(TENANT)), new UserId(Fields.uuid(document.getString(USER)))),
                document.getString(ROLE),
                Fields.instantOrNull(document.get(GRANTED_AT)),
                grantedBy == null ? null : new UserId(Fields.uuid(grantedBy)),
                Fields.instantOrNull(document.get(UPDATED_AT)));
    }
}
