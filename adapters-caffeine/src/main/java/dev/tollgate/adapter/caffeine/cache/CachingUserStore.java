package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Change;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.user.EmailChangeResult;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Users by id from memory; lookups by name or address go to the store (logins, which hash a
 * password anyway). Every change invalidates the user, whatever it answered: a compare-and-set
 * that lost to another process's change leaves this process reading afresh.
 */
final class CachingUserStore implements UserStore {

    private final UserStore store;
    private final Invalidations invalidations;
    private final HeldLookup<UserRef, UserRecord> byId;

    CachingUserStore(UserStore store, Invalidations invalidations, HeldLookup.Settings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.invalidations = invalidations;
        this.byId = settings.lookup(invalidations, (ref, user) -> ref);
    }

    @Override
    public InsertResult insert(UserRecord user) {
        return changing(user.ref(), () -> store.insert(user));
    }

    @Override
    public Optional<UserRecord> findById(UserRef user) {
        return byId.find(user, () -> store.findById(user));
    }

    @Override
    public Optional<UserRecord> findByUsername(TenantId tenant, Username username) {
        return store.findByUsername(tenant, username);
    }

    @Override
    public Optional<UserRecord> findByEmail(TenantId tenant, Email email) {
        return store.findByEmail(tenant, email);
    }

    @Override
    public FailedLogin recordFailedLogin(UserRef user, LockoutRule rule, Instant now) {
        return changing(user, () -> store.recordFailedLogin(user, rule, now));
    }

    @Override
    public SuccessfulLogin recordSuccessfulLogin(UserRef user, Instant now) {
        return changing(user, () -> store.recordSuccessfulLogin(user, now));
    }

    @Override
    public Change replacePasswordHash(UserRef user, String expectedHash, String newHash, Instant now) {
        return changing(user, () -> store.replacePasswordHash(user, expectedHash, newHash, now));
    }

    @Override
    public Change resetPasswordHash(UserRef user, String newHash, Instant now) {
        return changing(user, () -> store.resetPasswordHash(user, newHash, now));
    }

    @Override
    public Change unlock(UserRef user, Instant now) {
        return changing(user, () -> store.unlock(user, now));
    }

    @Override
    public Change updateProfile(UserRef user, Profile profile, Instant expectedUpdatedAt, Instant now) {
        return changing(user, () -> store.updateProfile(user, profile, expectedUpdatedAt, now));
    }

    @Override
    public Change markEmailVerified(UserRef user, Email expected, Instant now) {
        return changing(user, () -> store.markEmailVerified(user, expected, now));
    }

    @Override
    public Change setPendingEmail(UserRef user, Email pending, Instant now) {
        return changing(user, () -> store.setPendingEmail(user, pending, now));
    }

    @Override
    public EmailChangeResult confirmPendingEmail(UserRef user, Email expectedPending, Instant now) {
        return changing(user, () -> store.confirmPendingEmail(user, expectedPending, now));
    }

    @Override
    public Change clearPendingEmail(UserRef user, Email expectedPending, Instant now) {
        return changing(user, () -> store.clearPendingEmail(user, expectedPending, now));
    }

    @Override
    public Change changeStatus(UserRef user, AccountStatus expected, AccountStatus next, String reason, Instant now) {
        return changing(user, () -> store.changeStatus(user, expected, next, reason, now));
    }

    @Override
    public Change delete(UserRef user) {
        return changing(user, () -> store.delete(user));
    }

    /** Runs a write, then invalidates the user even if it threw: it may have applied all the same. */
    private <T> T changing(UserRef user, Supplier<T> write) {
        try {
            return write.get();
        } finally {
            invalidations.changed(Invalidation.of(user));
        }
    }
}
