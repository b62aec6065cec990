package dev.tollgate.port.spi.user;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Change;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.Optional;

/**
 * The users of every tenant. Usernames (compared by {@link Username#canonical()}) and email
 * addresses are unique within a tenant; each method below is one atomic operation. Methods
 * that answer a {@link Change} answer {@code APPLIED} when a user matched (it exists in the
 * tenant of the ref and is in the state the method expects) and was changed, else
 * {@code NO_MATCH}, changing nothing; every change but a login's sets {@code updatedAt} to the
 * {@code now} it is given. Instants are kept to at least the millisecond.
 */
public interface UserStore {

    /** Inserts a new user unless its username or email is taken in its tenant. */
    InsertResult insert(UserRecord user);

    Optional<UserRecord> findById(UserRef user);

    /** Finds by username, ignoring case. */
    Optional<UserRecord> findByUsername(TenantId tenant, Username username);

    Optional<UserRecord> findByEmail(TenantId tenant, Email email);

    /**
     * Counts one failed login by {@code rule}, atomically: when a lock is in force at
     * {@code now} (its end after {@code now}), counts nothing and answers
     * {@code ALREADY_LOCKED}; when this failure brings the count to {@code rule.threshold()},
     * sets {@code lockedUntil} to {@code rule.lockUntil(now)}, resets the count to 0 and answers
     * {@code LOCKED_NOW}; otherwise increments the count and answers {@code COUNTED}; for an
     * unknown user, {@code NOT_FOUND}. Concurrent failures are each counted exactly once, so
     * exactly one of them locks.
     */
    FailedLogin recordFailedLogin(UserRef user, LockoutRule rule, Instant now);

    /**
     * Records a successful login, only if no lock is in force at {@code now}: resets the
     * failure count, clears an ended lock and sets the last login time to {@code now}, leaving
     * {@code updatedAt} as it is, and answers {@code RECORDED} with the user as stored after it.
     * While a lock is in force it changes nothing and answers {@code LOCKED} with the lock's
     * end, so a correct password checked while concurrent failures locked the account cannot log
     * in; for an unknown user, {@code NOT_FOUND}.
     */
    SuccessfulLogin recordSuccessfulLogin(UserRef user, Instant now);

    /**
     * Replaces the password hash only if it is still {@code expectedHash} (compare-and-set),
     * so a rehash or change cannot overwrite a concurrent change.
     */
    Change replacePasswordHash(UserRef user, String expectedHash, String newHash, Instant now);

    /** Sets a new password hash whatever the old one was, and clears failures and any lock. */
    Change resetPasswordHash(UserRef user, String newHash, Instant now);

    /** Lifts any lock and resets the failure count, leaving the password as it is. */
    Change unlock(UserRef user, Instant now);

    /**
     * Replaces the profile, only if the user's {@code updatedAt} is still
     * {@code expectedUpdatedAt} (compare-and-set): two concurrent partial updates cannot lose
     * each other's fields; the loser reads again and retries.
     */
    Change updateProfile(UserRef user, Profile profile, Instant expectedUpdatedAt, Instant now);

    /**
     * Marks the address verified, only if the user's address is still {@code expected} (it may
     * have changed since the code was sent) and not verified yet.
     */
    Change markEmailVerified(UserRef user, Email expected, Instant now);

    /**
     * Records {@code pending} as the address the user is changing to, replacing any earlier
     * pending address. The current address, its verification and its uniqueness stay as they
     * are; a pending address is not checked for uniqueness (that is decided when it is
     * confirmed). Answers {@code NO_MATCH} only for an unknown user.
     */
    Change setPendingEmail(UserRef user, Email pending, Instant now);

    /**
     * Moves the user to its pending address in one atomic step, only if the pending address is
     * still {@code expectedPending} (compare-and-set): the address becomes {@code pending},
     * verified at {@code now}, and nothing is pending any more; the old address becomes free.
     * Refused with {@code EMAIL_TAKEN}, changing nothing, when another user of the tenant has
     * the address at that moment, as the store's unique index decides: of users confirming one
     * address at once, exactly one wins.
     */
    EmailChangeResult confirmPendingEmail(UserRef user, Email expectedPending, Instant now);

    /**
     * Drops the pending address, only if it is still {@code expectedPending} (compare-and-set),
     * so a newer change is not dropped by a stale cancel.
     */
    Change clearPendingEmail(UserRef user, Email expectedPending, Instant now);

    /** Moves the user from {@code expected} to {@code next} status (compare-and-set). */
    Change changeStatus(UserRef user, AccountStatus expected, AccountStatus next, String reason, Instant now);

    /** Removes the user; its username and email become free. */
    Change delete(UserRef user);
}
