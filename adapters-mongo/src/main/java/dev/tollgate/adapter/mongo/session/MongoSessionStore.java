package dev.tollgate.adapter.mongo.session;

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
import dev.tollgate.port.Change;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.Rotation;
import dev.tollgate.port.spi.session.RotationResult;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.session.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Sessions in {@code tg_sessions}, one document per session:
 * <pre>
 * { _id: session id (text), tenant, user: user id (text),
 *   access, refresh: the current token digests,
 *   spent: [every refresh digest a rotation retired],
 *   createdAt, lastUsedAt, accessExpiresAt, refreshExpiresAt, revokedAt: micros (revokedAt null while live),
 *   idleMillis: long or null, ip, userAgent, device: the device label or null (absent in a session
 *   written before devices were kept, read as null),
 *   expireAt: BSON date for the TTL index }
 * </pre>
 * Unique indexes on {@code (tenant, access)} and {@code (tenant, refresh)} make a digest belong
 * to one session of its tenant; {@code (tenant, spent)} finds the session a spent digest
 * belongs to, and {@code (tenant, user, createdAt)} lists a user's sessions.
 *
 * <p>Atomicity, each a single-document operation:
 * <ul>
 * <li>{@link #rotate}: one {@code findOneAndUpdate} whose filter names the tenant, the presented
 *     digest as the current refresh digest, no revocation and a refresh expiry after
 *     {@code now}; the same update sets the new digests and pushes the presented one onto
 *     {@code spent}. Of racing rotations only one can match (the first changes {@code refresh});
 *     every other one then finds the digest in {@code spent}, since it got there in the very
 *     step that retired it, and answers {@code REUSED}. Nothing is written in between, so a
 *     crash leaves either the old or the new session.</li>
 * <li>{@link #revoke} and {@link #touch}: one conditional {@code updateOne}
 *     ({@code revokedAt: null}; {@code lastUsedAt < at}).</li>
 * <li>{@link #revokeAll} and {@link #revokeAllExcept}: one {@code updateMany} over the user's
 *     live sessions. Each session is ended atomically by itself; a crash part-way leaves some
 *     sessions ended and the rest live, and repeating the call ends the rest (it counts only
 *     those it ended).</li>
 * <li>{@link #deleteAll}: one {@code deleteMany}; the spent digests go with their sessions.</li>
 * </ul>
 *
 * <p>The spent digests stay in the session document until it is deleted, so a session that
 * rotates very often grows (about 70 bytes a rotation: 30 days of rotations every 15 minutes is
 * under 200 KB). The TTL index removes a session {@value #RETENTION_DAYS} days after its refresh
 * expiry or its end, whichever comes first ({@code $min} on {@code expireAt}), by which time it can
 * no longer be used; correctness never depends on TTL (every
 * check compares with the {@code now} passed in).
 */
public final class MongoSessionStore implements SessionStore {

    /** Days a session is kept after its refresh expiry, for the audit trail of reuse. */
    static final long RETENTION_DAYS = 30;

    private static final String ID = "_id";
    private static final String TENANT = Collections.TENANT;
    private static final String USER = Collections.USER;
    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";
    private static final String SPENT = "spent";
    private static final String CREATED_AT = "createdAt";
    private static final String LAST_USED_AT = "lastUsedAt";
    private static final String ACCESS_EXPIRES_AT = "accessExpiresAt";
    private static final String REFRESH_EXPIRES_AT = "refreshExpiresAt";
    private static final String REVOKED_AT = "revokedAt";
    private static final String IDLE_MILLIS = "idleMillis";
    private static final String IP = "ip";
    private static final String USER_AGENT = "userAgent";
    private static final String DEVICE = "device";
    private static final String EXPIRE_AT = "expireAt";

    private final MongoCollection<Document> sessions;

    public MongoSessionStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.sessions = database.getCollection(Collections.SESSIONS);
        MongoCalls.run("create session indexes", () -> {
            sessions.createIndex(Indexes.ascending(TENANT, ACCESS), new IndexOptions().unique(true).name("tenant_access"));
            sessions.createIndex(Indexes.ascending(TENANT, REFRESH), new IndexOptions().unique(true).name("tenant_refresh"));
            sessions.createIndex(Indexes.ascending(TENANT, SPENT), new IndexOptions().name("tenant_spent"));
            sessions.createIndex(Indexes.ascending(TENANT, USER, CREATED_AT), new IndexOptions().name("tenant_user_created"));
            sessions.createIndex(Indexes.ascending(EXPIRE_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS).name("ttl"));
        });
    }

    @Override
    public void create(SessionRecord session) {
        Objects.requireNonNull(session, "session");
        Document document = new Document(ID, Fields.id(session.id().value()))
                .append(TENANT, session.user().tenant().value())
                .append(USER, Fields.id(session.user().id().value()))
                .append(ACCESS, session.accessDigest())
                .append(REFRESH, session.refreshDigest())
                .append(SPENT, List.of())
                .append(CREATED_AT, Fields.micros(session.createdAt()))
                .append(LAST_USED_AT, Fields.micros(session.lastUsedAt()))
                .append(ACCESS_EXPIRES_AT, Fields.micros(session.accessExpiresAt()))
                .append(REFRESH_EXPIRES_AT, Fields.micros(session.refreshExpiresAt()))
                .append(REVOKED_AT, session.revokedAt() == null ? null : Fields.micros(session.revokedAt()))
                .append(IDLE_MILLIS, session.idleTimeout() == null ? null : session.idleTimeout().toMillis())
                .append(IP, session.ip())
                .append(USER_AGENT, session.userAgent())
                .append(DEVICE, session.device())
                .append(EXPIRE_AT, Fields.expiry(retainedUntil(session.refreshExpiresAt())));
        MongoCalls.run("create session", () -> {
            try {
                sessions.insertOne(document);
            } catch (MongoException e) {
                if (MongoCalls.isDuplicateKey(e)) {
                    throw new StoreRejectedInputException("MongoDB store: create session refused: its id or a token digest exists already");
                }
                throw e;
            }
        });
    }

    @Override
    public Optional<SessionRecord> findByAccessDigest(TenantId tenant, String accessDigest) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(accessDigest, "accessDigest");
        return MongoCalls.call("find session", () -> Optional.ofNullable(
                sessions.find(Filters.and(Filters.eq(TENANT, tenant.value()), Filters.eq(ACCESS, accessDigest))).first())
                .map(MongoSessionStore::read));
    }

    @Override
    public RotationResult rotate(TenantId tenant, String presentedRefreshDigest, Rotation next, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(presentedRefreshDigest, "presentedRefreshDigest");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        Bson current = Filters.and(
                Filters.eq(TENANT, tenant.value()),
                Filters.eq(REFRESH, presentedRefreshDigest),
                Filters.eq(REVOKED_AT, null),
                Filters.gt(REFRESH_EXPIRES_AT, Fields.micros(now)));
        Bson update = Updates.combine(
                Updates.set(ACCESS, next.accessDigest()),
                Updates.set(REFRESH, next.refreshDigest()),
                Updates.set(ACCESS_EXPIRES_AT, Fields.micros(next.accessExpiresAt())),
                Updates.set(REFRESH_EXPIRES_AT, Fields.micros(next.refreshExpiresAt())),
                Updates.set(EXPIRE_AT, Fields.expiry(retainedUntil(next.refreshExpiresAt()))),
                Updates.push(SPENT, presentedRefreshDigest));
        return MongoCalls.call("rotate session", () -> {
            Document rotated;
            try {
                rotated = sessions.findOneAndUpdate(current, update,
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            } catch (MongoException e) {
                if (MongoCalls.isDuplicateKey(e)) {
                    throw new StoreRejectedInputException("MongoDB store: rotate session refused: a new token digest is in use already");
                }
                throw e;
            }
            if (rotated != null) {
                return RotationResult.rotated(read(rotated));
            }
            Document spentBy = sessions.find(Filters.and(Filters.eq(TENANT, tenant.value()),
                    Filters.eq(SPENT, presentedRefreshDigest))).first();
            return spentBy == null ? RotationResult.unknown() : RotationResult.reused(read(spentBy));
        });
    }

    @Override
    public void touch(UserRef user, SessionId session, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        long micros = Fields.micros(at);
        MongoCalls.run("touch session", () -> sessions.updateOne(
                Filters.and(ofSession(user, session), Filters.lt(LAST_USED_AT, micros)),
                Updates.set(LAST_USED_AT, micros)));
    }

    @Override
    public Change revoke(UserRef user, SessionId session, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(at, "at");
        return Change.of(MongoCalls.call("revoke session", () -> sessions.updateOne(
                Filters.and(ofSession(user, session), Filters.eq(REVOKED_AT, null)), ended(at)).getModifiedCount() == 1));
    }

    @Override
    public int revokeAll(UserRef user, Instant at) {
        Objects.requireNonNull(user, "user");
        return revokeWhere("revoke sessions", ofUser(user), at);
    }

    @Override
    public int revokeAllExcept(UserRef user, SessionId keep, Instant at) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(keep, "keep");
        return revokeWhere("revoke other sessions", Filters.and(ofUser(user), Filters.ne(ID, Fields.id(keep.value()))), at);
    }

    private int revokeWhere(String operation, Bson which, Instant at) {
        Objects.requireNonNull(at, "at");
        return MongoCalls.call(operation, () -> Math.toIntExact(sessions.updateMany(
                Filters.and(which, Filters.eq(REVOKED_AT, null)), ended(at)).getModifiedCount()));
    }

    @Override
    public List<SessionRecord> listLive(UserRef user, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        return MongoCalls.call("list sessions", () -> {
            List<SessionRecord> live = new ArrayList<>();
            for (Document document : sessions.find(Filters.and(ofUser(user), Filters.eq(REVOKED_AT, null),
                            Filters.gt(REFRESH_EXPIRES_AT, Fields.micros(now))))
                    .sort(Sorts.descending(CREATED_AT, ID))) {
                live.add(read(document));
            }
            return List.copyOf(live);
        });
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        return MongoCalls.call("delete sessions", () -> Math.toIntExact(sessions.deleteMany(ofUser(user)).getDeletedCount()));
    }

    private static Bson ofUser(UserRef user) {
        return Filters.and(Filters.eq(TENANT, user.tenant().value()), Filters.eq(USER, Fields.id(user.id().value())));
    }

    private static Bson ofSession(UserRef user, SessionId session) {
        return Filters.and(Filters.eq(ID, Fields.id(session.value())), ofUser(user));
    }

    /** Ends a session at {@code at}: it is kept {@value #RETENTION_DAYS} days from then at most. */
    private static Bson ended(Instant at) {
        return Updates.combine(Updates.set(REVOKED_AT, Fields.micros(at)),
                Updates.min(EXPIRE_AT, Fields.expiry(at.plus(Duration.ofDays(RETENTION_DAYS)))));
    }

    private static Instant retainedUntil(Instant refreshExpiresAt) {
        return refreshExpiresAt.plus(Duration.ofDays(RETENTION_DAYS));
    }

    private static SessionRecord read(Document document) {
        Number idle = (Number) document.get(IDLE_MILLIS);
        return new SessionRecord(
                new SessionId(Fields.uuid(document.getString(ID))),
                new UserRef(TenantId.of(document.getString(TENANT)), new UserId(Fields.uuid(document.getString(USER)))),
                document.getString(ACCESS),
                document.getString(REFRESH),
                Fields.instantOrNull(document.get(CREATED_AT)),
                Fields.instantOrNull(document.get(LAST_USED_AT)),
                Fields.instantOrNull(document.get(ACCESS_EXPIRES_AT)),
                Fields.instantOrNull(document.get(REFRESH_EXPIRES_AT)),
                document.getString(IP),
                document.getString(USER_AGENT),
                Fields.instantOrNull(document.get(REVOKED_AT)),
                idle == null ? null : Duration.ofMillis(idle.longValue()),
                document.getString(DEVICE));
    }
}
