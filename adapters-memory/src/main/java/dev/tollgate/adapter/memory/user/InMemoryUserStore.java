package dev.tollgate.adapter.memory.user;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Change;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@link UserStore} in memory. One lock guards the users and their username and email
 * indexes, so every method is atomic and uniqueness holds under any concurrency.
 */
public final class InMemoryUserStore implements UserStore {

    private record UsernameKey(TenantId tenant, String canonical) {
        static UsernameKey of(TenantId tenant, Username username) {
            return new UsernameKey(tenant, username.canonical());
        }
    }

    private record EmailKey(TenantId tenant, Email email) {
    }

    private final Object lock = new Object();
    private final Map<UserRef, UserRecord> users = new HashMap<>();
    private final Map<UsernameKey, UserRef> byUsername = new HashMap<>();
    private final Map<EmailKey, UserRef> byEmail = new HashMap<>();

    @Override
    public InsertResult insert(UserRecord user) {
        Objects.requireNonNull(user, "user");
        TenantId tenant = user.ref().tenant();
        UsernameKey usernameKey = UsernameKey.of(tenant, user.username());
        EmailKey emailKey = new EmailKey(tenant, user.email());
        synchronized (lock) {
            if (users.containsKey(user.ref())) {
                throw new IllegalArgumentException("a user with id " + user.ref().id() + " exists already");
            }
            if (byUsername.containsKey(usernameKey)) {
                return InsertResult.usernameTaken();
            }
            if (byEmail.containsKey(emailKey)) {
                return InsertResult.emailTaken();
            }
            users.put(user.ref(), user);
            byUsername.put(usernameKey, user.ref());
            byEmail.put(emailKey, user.ref());
            return InsertResult.inserted();
        }
    }

    @Override
    public Optional<UserRecord> findById(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            return Optional.ofNullable(users.get(user));
        }
    }

    @Override
    public Optional<UserRecord> findByUsername(TenantId tenant, Username username) {
        UsernameKey key = UsernameKey.of(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(username, "username"));
        synchronized (lock) {
            return Optional.ofNullable(byUsername.get(key)).map(users::get);
        }
    }

    @Override
    public Optional<UserRecord> findByEmail(TenantId tenant, Email email) {
        EmailKey key = new EmailKey(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(email, "email"));
        synchronized (lock) {
            return Optional.ofNullable(byEmail.get(key)).map(users::get);
        }
    }

    @Override
    public FailedLogin recordFailedLogin(UserRef user, LockoutRule rule, Instant now) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            UserRecord current = users.get(user);
            if (current == null) {
                return FailedLogin.notFound();
            }
            if (current.lockedAt(now)) {
                return FailedLogin.alreadyLocked(current.failedLogins(), current.lockedUntil());
            }
            int failures = current.failedLogins() + 1;
            if (failures >= rule.threshold()) {
                Instant lockUntil = rule.lockUntil(now);
                users.put(user, copy(current).failedLogins(0).lockedUntil(lockUntil).build());
                return FailedLogin.lockedNow(lockUntil);
            }
            users.put(user, copy(current).failedLogins(failures).build());
            return FailedLogin.counted(failures);
        }
    }

    @Override
    public SuccessfulLogin recordSuccessfulLogin(UserRef user, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            UserRecord current = users.get(user);
            if (current == null) {
                return SuccessfulLogin.notFound();
            }
            if (current.lockedAt(now)) {
                return SuccessfulLogin.locked(current.lockedUntil());
            }
            UserRecord loggedIn = copy(current).failedLogins(0).lockedUntil(null).lastLoginAt(now).build();
            users.put(user, loggedIn);
            return SuccessfulLogin.recorded(loggedIn);
        }
    }

    @Override
    public Change replacePasswordHash(UserRef user, String expectedHash, String newHash, Instant now) {
        Objects.requireNonNull(expectedHash, "expectedHash");
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        return update(user, current -> current.passwordHash().equals(expectedHash)
                ? copy(current).passwordHash(newHash).updatedAt(now).build()
                : null);
    }

    @Override
    public Change resetPasswordHash(UserRef user, String newHash, Instant now) {
        Objects.requireNonNull(newHash, "newHash");
        Objects.requireNonNull(now, "now");
        return update(user, current -> copy(current).passwordHash(newHash).failedLogins(0).lockedUntil(null).updatedAt(now).build());
    }

    @Override
    public Change unlock(UserRef user, Instant now) {
        Objects.requireNonNull(now, "now");
        return update(user, current -> copy(current).failedLogins(0).lockedUntil(null).updatedAt(now).build());
    }

    @Override
    public Change updateProfile(UserRef user, Profile profile, Instant expectedUpdatedAt, Instant now) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(now, "now");
        return update(user, current -> current.updatedAt().equals(expectedUpdatedAt)
                ? copy(current).profile(profile).updatedAt(now).build() : null);
    }

    @Override
    public Change markEmailVerified(UserRef user, Email expected, Instant now) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(now, "now");
        return update(user, current -> current.email().equals(expected) && !current.emailVerified()
                ? copy(current).emailVerifiedAt(now).updatedAt(now).build()
                : null);
    }

    @Override
    public Change setPendingEmail(UserRef user, Email pending, Instant now) {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(now, "now");
        return update(user, current -> copy(current).pendingEmail(pending).updatedAt(now).build());
    }

    @Override
    public EmailChangeResult confirmPendingEmail(UserRef user, Email expectedPending, Instant now) {
        Objects.requireNonNull(expectedPending, "expectedPending");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            UserRecord current = users.get(user);
            if (current == null) {
                return EmailChangeResult.notFound();
            }
            if (!expectedPending.equals(current.pendingEmail())) {
                return EmailChangeResult.notPending();
            }
            EmailKey newKey = new EmailKey(user.tenant(), expectedPending);
            UserRef holder = byEmail.get(newKey);
            if (holder != null && !holder.equals(user)) {
                return EmailChangeResult.emailTaken();
            }
            byEmail.remove(new EmailKey(user.tenant(), current.email()));
            byEmail.put(newKey, user);
            users.put(user, copy(current).email(expectedPending).emailVerifiedAt(now).pendingEmail(null).updatedAt(now)
                    .build());
            return EmailChangeResult.changed();
        }
    }

    @Override
    public Change clearPendingEmail(UserRef user, Email expectedPending, Instant now) {
        Objects.requireNonNull(expectedPending, "expectedPending");
        Objects.requireNonNull(now, "now");
        return update(user, current -> expectedPending.equals(current.pendingEmail())
                ? copy(current).pendingEmail(null).updatedAt(now).build()
                : null);
    }

    @Override
    public Change changeStatus(UserRef user, AccountStatus expected, AccountStatus next, String reason, Instant now) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        return update(user, current -> current.status() == expected
                ? copy(current).status(next).statusReason(reason).updatedAt(now).build()
                : null);
    }

    @Override
    public Change delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            UserRecord removed = users.remove(user);
            if (removed == null) {
                return Change.noMatch();
            }
            byUsername.remove(UsernameKey.of(user.tenant(), removed.username()));
            byEmail.remove(new EmailKey(user.tenant(), removed.email()));
            return Change.applied();
        }
    }

    /**
     * Applies {@code change} to the user atomically; a {@code null} answer from it means the
     * user's state does not allow the change. Only for changes that leave username and email alone (a pending address is not indexed).
     */
    private Change update(UserRef user, UnaryOperator<UserRecord> change) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            UserRecord current = users.get(user);
            if (current == null) {
                return Change.noMatch();
            }
            UserRecord changed = change.apply(current);
            if (changed == null) {
                return Change.noMatch();
            }
            users.put(user, changed);
            return Change.applied();
        }
    }

    private static Copy copy(UserRecord record) {
        return new Copy(record);
    }

    /** A changed copy of a record, field by field. */
    private static final class Copy {
        private final UserRecord from;
        private Email email;
        private Instant emailVerifiedAt;
        private Email pendingEmail;
        private String passwordHash;
        private AccountStatus status;
        private String statusReason;
        private Profile profile;
        private int failedLogins;
        private Instant lockedUntil;
        private Instant updatedAt;
        private Instant lastLoginAt;

        Copy(UserRecord from) {
            this.from = from;
            this.email = from.email();
            this.emailVerifiedAt = from.emailVerifiedAt();
            this.pendingEmail = from.pendingEmail();
            this.passwordHash = from.passwordHash();
            this.status = from.status();
            this.statusReason = from.statusReason();
            this.profile = from.profile();
            this.failedLogins = from.failedLogins();
            this.lockedUntil = from.lockedUntil();
            this.updatedAt = from.updatedAt();
            this.lastLoginAt = from.lastLoginAt();
        }

        Copy email(Email value) {
            email = value;
            return this;
        }

        Copy emailVerifiedAt(Instant value) {
            emailVerifiedAt = value;
            return this;
        }

        Copy pendingEmail(Email value) {
            pendingEmail = value;
            return this;
        }

        Copy passwordHash(String value) {
            passwordHash = value;
            return this;
        }

        Copy status(AccountStatus value) {
            status = value;
            return this;
        }

        Copy statusReason(String value) {
            statusReason = value;
            return this;
        }

        Copy profile(Profile value) {
            profile = value;
            return this;
        }

        Copy failedLogins(int value) {
            failedLogins = value;
            return this;
        }

        Copy lockedUntil(Instant value) {
            lockedUntil = value;
            return this;
        }

        Copy updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        Copy lastLoginAt(Instant value) {
            lastLoginAt = value;
            return this;
        }

        UserRecord build() {
            return new UserRecord(from.ref(), from.username(), email, emailVerifiedAt, pendingEmail, passwordHash, status,
                    statusReason, profile, failedLogins, lockedUntil, from.createdAt(), updatedAt, lastLoginAt);
        }
    }

    /** Every user of {@code tenant}, in no particular order: what the in-memory directory and statistics read. */
    public List<UserRecord> usersOf(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        synchronized (lock) {
            return users.values().stream().filter(user -> user.ref().tenant().equals(tenant)).toList();
        }
    }
}
