package dev.tollgate.adapter.mongo.user;

import static dev.tollgate.adapter.mongo.internal.UserDocuments.CREATED_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.EMAIL;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.EMAIL_INDEX;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.EMAIL_VERIFIED_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.FAILED_LOGINS;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.ID;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.LAST_LOGIN_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.LOCKED_UNTIL;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.NAME_KEY;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.PASSWORD_HASH;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.PENDING_EMAIL;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.STATUS;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.STATUS_REASON;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.UPDATED_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.USERNAME_INDEX;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.USERNAME_KEY;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.key;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.UserDocuments;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Change;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.user.EmailChangeResult;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The users in {@code tg_users}, one document a user:
 * {@code _id} ({@code "<tenant>:<user id>"}), {@code tenant}, {@code user} (the id's text),
 * {@code username} (as typed), {@code usernameKey} (canonical), {@code email},
 * {@code emailVerifiedAt}, {@code pendingEmail}, {@code passwordHash}, {@code status},
 * {@code statusReason}, {@code name}, {@code nameKey} (the name lower-cased), {@code aboutMe},
 * {@code hobbies} (array), {@code accountType}, {@code failedLogins} (int), {@code lockedUntil},
 * {@code createdAt}, {@code updatedAt}, {@code lastLoginAt}; instants as microseconds, a null
 * field left out. Unique indexes on {@code (tenant, usernameKey)} and {@code (tenant, email)}
 * decide uniqueness (a pending address is not indexed: it reserves nothing); the directory's
 * indexes on {@code (tenant, createdAt, user)}, {@code (tenant, lastLoginAt, user)},
 * {@code (tenant, nameKey)} and {@code (tenant, status)} are made here too, as the owner of the
 * collection.
 *
 * <p>Every method is one single-document operation whose filter carries the state it expects,
 * so no transaction is needed:
 * <ul>
 * <li>{@code insert} is one {@code insertOne}; a unique index refusing it answers which one
 *     (the index named in the error, else a lookup of the username and the address);</li>
 * <li>{@code recordFailedLogin} is a conditional {@code $inc} ({@code findOneAndUpdate} on "not
 *     locked at now and below threshold - 1 failures"), else a conditional lock ("not locked and
 *     at threshold - 1"), else a read that answers the lock in force; each failure is counted by
 *     exactly one of the two writes, and when the state moved between them (a login reset the
 *     count) the steps start again;</li>
 * <li>{@code recordSuccessfulLogin} is one {@code findOneAndUpdate} on "not locked at now";</li>
 * <li>the compare-and-sets ({@code replacePasswordHash}, {@code updateProfile},
 *     {@code markEmailVerified}, {@code clearPendingEmail}, {@code changeStatus}) are one
 *     {@code updateOne} whose filter holds the expected value;</li>
 * <li>{@code confirmPendingEmail} is one {@code updateOne} on "pending is still the expected
 *     address" that sets the address; the email index refuses it (E11000) when another user of the
 *     tenant has the address, so of users confirming one address exactly one wins.</li>
 * </ul>
 */
public final class MongoUserStore implements UserStore {

    private static final int ATTEMPTS = 10;

    private final MongoCollection<Document> users;

    public MongoUserStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.users = database.getCollection(Collections.USERS);
        MongoCalls.run("create the user indexes", () -> {
            users.createIndex(Indexes.ascending(Collections.TENANT, USERNAME_KEY),
                    new IndexOptions().unique(true).name(USERNAME_INDEX));
            users.createIndex(Indexes.ascending(Collections.TENANT, EMAIL), new IndexOptions().unique(true).name(EMAIL_INDEX));
            users.createIndex(Indexes.ascending(Collections.TENANT, CREATED_AT, Collections.USER));
            users.createIndex(Indexes.ascending(Collections.TENANT, LAST_LOGIN_AT, Collections.USER));
            users.createIndex(Indexes.ascending(Collections.TENANT, NAME_KEY));
            users.createIndex(Indexes.ascending(Collections.TENANT, STATUS));
        });
    }

    @Override
    public InsertResult insert(UserRecord user) {
        Objects.requireNonNull(user, "user");
        Document document = UserDocuments.write(user);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                users.insertOne(document);
                return InsertResult.inserted();
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw MongoCalls.unavailable("insert a user", e);
                }
                // the message ("... index: <name> dup key: ...") is only read for the index's name, never passed on
                String message = String.valueOf(e.getMessage());
                if (message.contains("index: " + USERNAME_INDEX + " ")) {
                    return InsertResult.usernameTaken();
                }
                if (message.contains("index: " + EMAIL_INDEX + " ")) {
                    return InsertResult.emailTaken();
                }
                if (findByUsername(user.ref().tenant(), user.username()).isPresent()) {
                    return InsertResult.usernameTaken();
                }
                if (findByEmail(user.ref().tenant(), user.email()).isPresent()) {
                    return InsertResult.emailTaken();
                }
                if (findById(user.ref()).isPresent()) {
                    throw new IllegalArgumentException("a user with id " + user.ref().id() + " exists already");
                }
                // the holder went away (or is not visible yet): try again
            }
        }
        throw new StoreUnavailableException("MongoDB store: insert a user kept meeting a duplicate key that no lookup finds");
    }

    @Override
    public Optional<UserRecord> findById(UserRef user) {
        Objects.requireNonNull(user, "user");
        return one("find a user", Filters.eq(ID, key(user)));
    }

    @Override
    public Optional<UserRecord> findByUsername(TenantId tenant, Username username) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(username, "username");
        return one("find a user by username",
                Filters.and(Filters.eq(Collections.TENANT, tenant.value()), Filters.eq(USERNAME_KEY, username.canonical())));
    }

    @Override
    public Optional<UserRecord> findByEmail(TenantId tenant, Email email) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(email, "email");
        return one("find a user by email",
                Filters.and(Filters.eq(Collections.TENANT, tenant.value()), Filters.eq(EMAIL, email.value())));
    }

    @Override
    public FailedLogin recordFailedLogin(UserRef user, LockoutRule rule, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(now, "now");
        long nowMicros = Fields.micros(now);
        long until = Fields.micros(rule.lockUntil(now));
        int belowLock = rule.threshold() - 1;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document counted = MongoCalls.call("count a failed login", () -> users.findOneAndUpdate(
                    Filters.and(Filters.eq(ID, key(user)), notLockedAt(nowMicros), Filters.lt(FAILED_LOGINS, belowLock)),
                    Updates.inc(FAILED_LOGINS, 1),
                    // the document before this update, plus this update's one: the document "after" may already
                    // show a concurrent update's count too (the emulator answers so), and two callers would see one count
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
            if (counted != null) {
                Object before = counted.get(FAILED_LOGINS);
                return FailedLogin.counted((before == null ? 0 : ((Number) before).intValue()) + 1);
            }
            long locked = MongoCalls.call("lock after failed logins", () -> users.updateOne(
                    Filters.and(Filters.eq(ID, key(user)), notLockedAt(nowMicros), Filters.gte(FAILED_LOGINS, belowLock)),
                    Updates.combine(Updates.set(FAILED_LOGINS, 0), Updates.set(LOCKED_UNTIL, until))).getMatchedCount());
            if (locked == 1) {
                return FailedLogin.lockedNow(Fields.instant(until));
            }
            Optional<UserRecord> current = findById(user);
            if (current.isEmpty()) {
                return FailedLogin.notFound();
            }
            if (current.get().lockedUntil() != null && Fields.micros(current.get().lockedUntil()) > nowMicros) {
                return FailedLogin.alreadyLocked(current.get().failedLogins(), current.get().lockedUntil());
            }
            // the count or the lock changed between the steps: count again
        }
        throw new StoreUnavailableException("MongoDB store: a failed login met concurrent changes " + ATTEMPTS + " times");
    }

    @Override
    public SuccessfulLogin recordSuccessfulLogin(UserRef user, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        long nowMicros = Fields.micros(now);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document recorded = MongoCalls.call("record a login", () -> users.findOneAndUpdate(
                    Filters.and(Filters.eq(ID, key(user)), notLockedAt(nowMicros)),
                    Updates.combine(Updates.set(FAILED_LOGINS, 0), Updates.set(LAST_LOGIN_AT, nowMicros),
                            Updates.unset(LOCKED_UNTIL)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
            if (recorded != null) {
                return SuccessfulLogin.recorded(UserDocuments.read(recorded));
            }
            Optional<UserRecord> current = findById(user);
            if (current.isEmpty()) {
                return SuccessfulLogin.notFound();
            }
            if (current.get().lockedUntil() != null && Fields.micros(current.get().lockedUntil()) > nowMicros) {
                return SuccessfulLogin.locked(current.get().lockedUntil());
            }
            // unlocked between the two steps: try again
        }
        throw new StoreUnavailableException("MongoDB store: a login met concurrent changes " + ATTEMPTS + " times");
    }

    @Override
    public Change replacePasswordHash(UserRef user, String expectedHash, String newHash, Instant now) {
        Objects.requireNonNull(expectedHash, "expectedHash");
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        return update("replace a password hash", user, Filters.eq(PASSWORD_HASH, expectedHash),
                Updates.combine(Updates.set(PASSWORD_HASH, newHash), Updates.set(UPDATED_AT, Fields.micros(now))));
    }

    @Override
    public Change resetPasswordHash(UserRef user, String newHash, Instant now) {
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        return update("reset a password hash", user, null, Updates.combine(Updates.set(PASSWORD_HASH, newHash),
                Updates.set(FAILED_LOGINS, 0), Updates.unset(LOCKED_UNTIL), Updates.set(UPDATED_AT, Fields.micros(now))));
    }

    @Override
    public Change unlock(UserRef user, Instant now) {
        Objects.requireNonNull(now, "now");
        return update("unlock a user", user, null, Updates.combine(Updates.set(FAILED_LOGINS, 0),
                Updates.unset(LOCKED_UNTIL), Updates.set(UPDATED_AT, Fields.micros(now))));
    }

    @Override
    public Change updateProfile(UserRef user, Profile profile, Instant expectedUpdatedAt, Instant now) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(now, "now");
        if (expectedUpdatedAt == null) {
            return Change.noMatch();
        }
        List<Bson> changes = new ArrayList<>();
        UserDocuments.profile(profile).forEach((field, value) -> changes.add(Updates.set(field, value)));
        UserDocuments.unsetProfile(profile).forEach(field -> changes.add(Updates.unset(field)));
        changes.add(Updates.set(UPDATED_AT, Fields.micros(now)));
        return update("update a profile", user, Filters.eq(UPDATED_AT, Fields.micros(expectedUpdatedAt)),
                Updates.combine(changes));
    }

    @Override
    public Change markEmailVerified(UserRef user, Email expected, Instant now) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(now, "now");
        return update("mark an email verified", user,
                Filters.and(Filters.eq(EMAIL, expected.value()), Filters.eq(EMAIL_VERIFIED_AT, null)),
                Updates.combine(Updates.set(EMAIL_VERIFIED_AT, Fields.micros(now)), Updates.set(UPDATED_AT, Fields.micros(now))));
    }

    @Override
    public Change setPendingEmail(UserRef user, Email pending, Instant now) {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(now, "now");
        return update("set a pending email", user, null,
                Updates.combine(Updates.set(PENDING_EMAIL, pending.value()), Updates.set(UPDATED_AT, Fields.micros(now))));
    }

    @Override
    public EmailChangeResult confirmPendingEmail(UserRef user, Email expectedPending, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expectedPending, "expectedPending");
        Objects.requireNonNull(now, "now");
        long matched;
        try {
            matched = users.updateOne(
                    Filters.and(Filters.eq(ID, key(user)), Filters.eq(PENDING_EMAIL, expectedPending.value())),
                    Updates.combine(Updates.set(EMAIL, expectedPending.value()),
                            Updates.set(EMAIL_VERIFIED_AT, Fields.micros(now)), Updates.unset(PENDING_EMAIL),
                            Updates.set(UPDATED_AT, Fields.micros(now)))).getMatchedCount();
        } catch (MongoException e) {
            if (MongoCalls.isDuplicateKey(e)) {
                return EmailChangeResult.emailTaken();
            }
            throw MongoCalls.unavailable("confirm a pending email", e);
        }
        if (matched == 1) {
            return EmailChangeResult.changed();
        }
        return findById(user).isPresent() ? EmailChangeResult.notPending() : EmailChangeResult.notFound();
    }

    @Override
    public Change clearPendingEmail(UserRef user, Email expectedPending, Instant now) {
        Objects.requireNonNull(expectedPending, "expectedPending");
        Objects.requireNonNull(now, "now");
        return update("clear a pending email", user, Filters.eq(PENDING_EMAIL, expectedPending.value()),
                Updates.combine(Updates.unset(PENDING_EMAIL), Updates.set(UPDATED_AT, Fields.micros(now))));
    }

    @Override
    public Change changeStatus(UserRef user, AccountStatus expected, AccountStatus next, String reason, Instant now) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        return update("change a user's status", user, Filters.eq(STATUS, expected.name()),
                Updates.combine(Updates.set(STATUS, next.name()),
                        reason == null ? Updates.unset(STATUS_REASON) : Updates.set(STATUS_REASON, reason),
                        Updates.set(UPDATED_AT, Fields.micros(now))));
    }

    @Override
    public Change delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Change.of(MongoCalls.call("delete a user", () -> users.deleteOne(Filters.eq(ID, key(user))).getDeletedCount()) == 1);
    }

    /** No lock in force at {@code nowMicros}: none, or one that ended at or before it. */
    private static Bson notLockedAt(long nowMicros) {
        return Filters.or(Filters.eq(LOCKED_UNTIL, null), Filters.lte(LOCKED_UNTIL, nowMicros));
    }

    /** One {@code updateOne} of the user, when it also matches {@code expected} (null: any state). */
    private Change update(String operation, UserRef user, Bson expected, Bson change) {
        Objects.requireNonNull(user, "user");
        Bson filter = expected == null ? Filters.eq(ID, key(user)) : Filters.and(Filters.eq(ID, key(user)), expected);
        return Change.of(MongoCalls.call(operation, () -> users.updateOne(filter, change).getMatchedCount()) == 1);
    }

    private Optional<UserRecord> one(String operation, Bson filter) {
        return Optional.ofNullable(MongoCalls.call(operation, () -> users.find(filter).first())).map(UserDocuments::read);
    }
}
