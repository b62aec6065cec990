package dev.tollgate.core.user;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user account: its rules over status and login. Immutable; transitions answer the status
 * to move to or the problem that forbids the move, and stores carry out the move atomically.
 */
public final class User {

    private final UserRecord record;

    private User(UserRecord record) {
        this.record = Objects.requireNonNull(record, "record");
    }

    /** A new account: active, email unverified, no failed logins. */
    public static User register(UserRef ref, Username username, Email email, String passwordHash, Profile profile,
            Instant now) {
        return new User(new UserRecord(ref, username, email, null, passwordHash, AccountStatus.ACTIVE, null, profile,
                0, null, now, now, null));
    }

    /** The account as a store holds it. */
    public static User restore(UserRecord record) {
        return new User(record);
    }

    /** The account {@code ref} names in {@code store}, or {@code USER_NOT_FOUND}. */
    public static Outcome<User> load(UserStore store, UserRef ref) {
        return store.findById(ref).map(User::restore).<Outcome<User>>map(Outcome::done)
                .orElseGet(() -> Outcome.refused(new Problem.UserNotFound()));
    }

    /** The account of {@code tenant} whose username (any case) or email address is {@code login}, if any. */
    public static Optional<User> findByLogin(UserStore store, TenantId tenant, String login) {
        if (login == null) {
            return Optional.empty();
        }
        if (login.indexOf('@') >= 0) {
            return Email.parse(login).flatMap(email -> store.findByEmail(tenant, email)).map(User::restore);
        }
        return Username.parse(login.strip()).flatMap(name -> store.findByUsername(tenant, name)).map(User::restore);
    }

    public UserRecord record() {
        return record;
    }

    public UserRef ref() {
        return record.ref();
    }

    public UserView view() {
        return new UserView(record.ref().tenant(), record.ref().id(), record.username(), record.email(),
                record.emailVerified(), record.status(), record.profile(), record.createdAt(), record.lastLoginAt());
    }

    /** Why the account may not log in with a correct password now, if it may not. */
    public Optional<Problem> loginRefusal(boolean allowUnverified) {
        if (!record.status().canAuthenticate()) {
            return Optional.of(new Problem.AccountInactive(record.status()));
        }
        if (!allowUnverified && !record.emailVerified()) {
            return Optional.of(new Problem.EmailUnverified());
        }
        return Optional.empty();
    }

    /** Whether the account's sessions may be used. */
    public boolean mayUseSessions() {
        return record.status().canAuthenticate();
    }

    /** Staff stop an active or deactivated account. */
    public Transition suspend() {
        return moveFrom(AccountStatus.SUSPENDED, AccountStatus.ACTIVE, AccountStatus.DEACTIVATED);
    }

    /** An active account is switched off. */
    public Transition deactivate() {
        return moveFrom(AccountStatus.DEACTIVATED, AccountStatus.ACTIVE);
    }

    /** A suspended or deactivated account is switched on again. */
    public Transition reactivate() {
        return moveFrom(AccountStatus.ACTIVE, AccountStatus.SUSPENDED, AccountStatus.DEACTIVATED);
    }

    private Transition moveFrom(AccountStatus target, AccountStatus... allowedFrom) {
        for (AccountStatus from : allowedFrom) {
            if (record.status() == from) {
                return new Transition(from, target, null);
            }
        }
        return new Transition(record.status(), target, new Problem.AccountStateConflict(record.status()));
    }

    /** A move from one status to another, or the problem that forbids it. */
    public record Transition(AccountStatus from, AccountStatus to, Problem refusal) {
        public boolean allowed() {
            return refusal == null;
        }
    }
}
