package dev.tollgate.adapter.mongo.mfa;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.adapter.mongo.internal.UserDocuments;
import dev.tollgate.port.Change;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.mfa.SecondFactorStore;
import dev.tollgate.port.spi.mfa.TotpFactor;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * TOTP factors in {@code tg_second_factors}, one document a user, with that user's unused
 * recovery codes inside it:
 * <pre>
 * { _id: "&lt;tenant&gt;:&lt;user id&gt;", tenant, user: user id (text), sealedSecret,
 *   createdAt, confirmedAt (absent while pending), lockedUntil (absent when never locked): micros,
 *   lastStep: long (-1 for none), failures: int,
 *   recoveryCodes: [digests of the unused recovery codes] }
 * </pre>
 * The {@code _id} names the tenant, so a ref of another tenant never reaches the document, and
 * makes one factor a user.
 *
 * <p>Every method is one single-document operation whose filter carries the state it expects,
 * so no transaction is needed and no half state is ever visible:
 * <ul>
 * <li>{@link #savePending}: one upserting {@code replaceOne} on "no confirmed factor"; against a
 *     confirmed one the upsert's insert meets the {@code _id} (E11000) and the answer is
 *     {@code NO_MATCH};</li>
 * <li>{@link #confirm}: one {@code updateOne} on "pending with the expected sealed secret" that
 *     sets {@code confirmedAt}, {@code lastStep} and the whole {@code recoveryCodes} array, so the
 *     factor becomes confirmed and its codes valid in the same step (the codes live in the factor
 *     document for exactly this);</li>
 * <li>{@link #acceptStep}: one {@code updateOne} on "confirmed, {@code lastStep < step}, no lock in
 *     force"; of racing calls with one step only the first can match;</li>
 * <li>{@link #recordFailure}: as {@code MongoUserStore.recordFailedLogin}: a conditional
 *     {@code $inc} below the threshold, else a conditional lock at it, else a read that answers
 *     the lock in force; the counts answered are the document before the update plus this
 *     call's own failure;</li>
 * <li>{@link #useRecoveryCode}: one {@code updateOne} on "confirmed and the digest is in
 *     {@code recoveryCodes}" that {@code $pull}s it and resets the failures; once pulled it can
 *     match no other call;</li>
 * <li>{@link #replaceRecoveryCodes}: one {@code updateOne} on "confirmed" that sets the array;</li>
 * <li>{@link #delete}: one {@code deleteOne}, taking the codes with the factor.</li>
 * </ul>
 */
public final class MongoSecondFactorStore implements SecondFactorStore {

    private static final int ATTEMPTS = 10;

    private static final String ID = "_id";
    private static final String SEALED_SECRET = "sealedSecret";
    private static final String CREATED_AT = "createdAt";
    private static final String CONFIRMED_AT = "confirmedAt";
    private static final String LAST_STEP = "lastStep";
    private static final String FAILURES = "failures";
    private static final String LOCKED_UNTIL = "lockedUntil";
    private static final String RECOVERY_CODES = "recoveryCodes";

    private final MongoCollection<Document> factors;

    public MongoSecondFactorStore(MongoDatabase database) {
        // every lookup is by _id (the tenant and the user): no other index is needed
        this.factors = Objects.requireNonNull(database, "database").getCollection(Collections.SECOND_FACTORS);
    }

    @Override
    public Change savePending(TotpFactor factor) {
        Objects.requireNonNull(factor, "factor");
        if (factor.confirmed()) {
            throw new IllegalArgumentException("savePending stores a pending factor, not a confirmed one");
        }
        String key = UserDocuments.key(factor.user());
        Document document = new Document(ID, key)
                .append(Collections.TENANT, factor.user().tenant().value())
                .append(Collections.USER, Fields.id(factor.user().id().value()))
                .append(SEALED_SECRET, factor.sealedSecret())
                .append(CREATED_AT, Fields.micros(factor.createdAt()))
                .append(LAST_STEP, factor.lastStep())
                .append(FAILURES, factor.failures())
                .append(RECOVERY_CODES, List.of());
        if (factor.lockedUntil() != null) {
            document.append(LOCKED_UNTIL, Fields.micros(factor.lockedUntil()));
        }
        Bson pendingOrNone = Filters.and(Filters.eq(ID, key), Filters.eq(CONFIRMED_AT, null));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                factors.replaceOne(pendingOrNone, document, new ReplaceOptions().upsert(true));
                return Change.applied();
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw MongoCalls.unavailable("save a pending second factor", e);
                }
            }
            // the upsert met a factor of the user: a confirmed one, or a pending one another call inserted meanwhile
            Optional<TotpFactor> current = find(factor.user());
            if (current.isPresent() && current.get().confirmed()) {
                return Change.noMatch();
            }
        }
        throw new StoreUnavailableException("MongoDB store: saving a pending second factor met concurrent changes "
                + ATTEMPTS + " times");
    }

    @Override
    public Optional<TotpFactor> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Optional.ofNullable(MongoCalls.call("find a second factor",
                () -> factors.find(Filters.eq(ID, UserDocuments.key(user))).first()))
                .map(MongoSecondFactorStore::read);
    }

    @Override
    public Change confirm(UserRef user, String expectedSealedSecret, long step, List<String> recoveryCodeDigests,
            Instant now) {
        Objects.requireNonNull(expectedSealedSecret, "expectedSealedSecret");
        List<String> codes = List.copyOf(Objects.requireNonNull(recoveryCodeDigests, "recoveryCodeDigests"));
        Objects.requireNonNull(now, "now");
        if (step < 0) {
            throw new IllegalArgumentException("a time step is not negative, was " + step);
        }
        return update("confirm a second factor", user,
                Filters.and(Filters.eq(CONFIRMED_AT, null), Filters.eq(SEALED_SECRET, expectedSealedSecret)),
                Updates.combine(Updates.set(CONFIRMED_AT, Fields.micros(now)), Updates.set(LAST_STEP, step),
                        Updates.set(RECOVERY_CODES, codes)));
    }

    @Override
    public Change acceptStep(UserRef user, long step, Instant now) {
        Objects.requireNonNull(now, "now");
        return update("accept a second factor code", user,
                Filters.and(confirmed(), Filters.lt(LAST_STEP, step), notLockedAt(Fields.micros(now))),
                Updates.combine(Updates.set(LAST_STEP, step), Updates.set(FAILURES, 0)));
    }

    @Override
    public FailedLogin recordFailure(UserRef user, LockoutRule rule, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(now, "now");
        String key = UserDocuments.key(user);
        long nowMicros = Fields.micros(now);
        long until = Fields.micros(rule.lockUntil(now));
        int belowLock = rule.threshold() - 1;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document counted = MongoCalls.call("count a wrong second factor code", () -> factors.findOneAndUpdate(
                    Filters.and(Filters.eq(ID, key), notLockedAt(nowMicros), Filters.lt(FAILURES, belowLock)),
                    Updates.inc(FAILURES, 1),
                    // the document before this update, plus this update's one: the document "after" may already
                    // show a concurrent update's count too (the emulator answers so), and two callers would see one count
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
            if (counted != null) {
                return FailedLogin.counted(count(counted) + 1);
            }
            long locked = MongoCalls.call("lock a second factor", () -> factors.updateOne(
                    Filters.and(Filters.eq(ID, key), notLockedAt(nowMicros), Filters.gte(FAILURES, belowLock)),
                    Updates.combine(Updates.set(FAILURES, 0), Updates.set(LOCKED_UNTIL, until))).getMatchedCount());
            if (locked == 1) {
                return FailedLogin.lockedNow(Fields.instant(until));
            }
            Optional<TotpFactor> current = find(user);
            if (current.isEmpty()) {
                return FailedLogin.notFound();
            }
            if (current.get().lockedUntil() != null && Fields.micros(current.get().lockedUntil()) > nowMicros) {
                return FailedLogin.alreadyLocked(current.get().failures(), current.get().lockedUntil());
            }
            // the count or the lock changed between the steps: count again
        }
        throw new StoreUnavailableException("MongoDB store: a wrong second factor code met concurrent changes "
                + ATTEMPTS + " times");
    }

    @Override
    public Change useRecoveryCode(UserRef user, String digest, Instant now) {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(now, "now");
        return update("use a recovery code", user, Filters.and(confirmed(), Filters.eq(RECOVERY_CODES, digest)),
                Updates.combine(Updates.pull(RECOVERY_CODES, digest), Updates.set(FAILURES, 0)));
    }

    @Override
    public Change replaceRecoveryCodes(UserRef user, List<String> digests, Instant now) {
        List<String> codes = List.copyOf(Objects.requireNonNull(digests, "digests"));
        Objects.requireNonNull(now, "now");
        return update("replace recovery codes", user, confirmed(), Updates.set(RECOVERY_CODES, codes));
    }

    @Override
    public int remainingRecoveryCodes(UserRef user) {
        Objects.requireNonNull(user, "user");
        Document document = MongoCalls.call("count recovery codes", () -> factors.find(Filters.eq(ID, UserDocuments.key(user)))
                .projection(new Document(RECOVERY_CODES, 1)).first());
        return document == null ? 0 : document.getList(RECOVERY_CODES, String.class, List.of()).size();
    }

    @Override
    public Change delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Change.of(MongoCalls.call("delete a second factor",
                () -> factors.deleteOne(Filters.eq(ID, UserDocuments.key(user))).getDeletedCount()) == 1);
    }

    private static Bson confirmed() {
        return Filters.ne(CONFIRMED_AT, null);
    }

    /** No lock in force at {@code nowMicros}: none, or one that ended at or before it. */
    private static Bson notLockedAt(long nowMicros) {
        return Filters.or(Filters.eq(LOCKED_UNTIL, null), Filters.lte(LOCKED_UNTIL, nowMicros));
    }

    /** One {@code updateOne} of the user's factor, when it also matches {@code expected}. */
    private Change update(String operation, UserRef user, Bson expected, Bson change) {
        Objects.requireNonNull(user, "user");
        Bson filter = Filters.and(Filters.eq(ID, UserDocuments.key(user)), expected);
        return Change.of(MongoCalls.call(operation, () -> factors.updateOne(filter, change).getMatchedCount()) == 1);
    }

    private static int count(Document document) {
        Object failures = document.get(FAILURES);
        return failures == null ? 0 : ((Number) failures).intValue();
    }

    private static TotpFactor read(Document document) {
        UserRef user = UserRef.of(TenantId.of(document.getString(Collections.TENANT)),
                new UserId(Fields.uuid(document.getString(Collections.USER))));
        Object lastStep = document.get(LAST_STEP);
        return new TotpFactor(user, document.getString(SEALED_SECRET), Fields.instantOrNull(document.get(CREATED_AT)),
                Fields.instantOrNull(document.get(CONFIRMED_AT)), lastStep == null ? -1 : ((Number) lastStep).longValue(),
                count(document), Fields.instantOrNull(document.get(LOCKED_UNTIL)));
    }
}
