package dev.tollgate.core.password;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowCounters.OpenWindow;
import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a user's password with the {@link LockoutPolicy}: a lock in force refuses, after the
 * same hashing work as any other answer; each wrong password is counted atomically in the store
 * by the policy's rule, and the failure that reaches the threshold locks the account. A correct
 * password checked while concurrent failures locked the account is refused too, decided once
 * per use: for a login, by the store as it records the login ({@link #recordLogin}); for a
 * confirmation of the current password ({@link #check}), by reading the account once more. A
 * correct password hashed with older parameters is hashed again, compare-and-set, so a
 * concurrent change is never overwritten.
 *
 * <p>A login name no account has locks exactly alike (see {@link LockoutPolicy.UnknownName}),
 * so a lock tells no one that an account exists.
 */
public final class Credentials {

    private final UserStore users;
    private final WindowCounters counters;
    private final HashingGate gate;
    private final LockoutPolicy lockout;
    private final Clock clock;
    private final Auditor auditor;
    private final String dummyHash;

    public Credentials(UserStore users, WindowCounters counters, HashingGate gate, LockoutPolicy lockout,
            Clock clock, Auditor auditor, String dummyHash) {
        this.users = Objects.requireNonNull(users, "users");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.dummyHash = Objects.requireNonNull(dummyHash, "dummyHash");
    }

    /**
     * A confirmation of the current password (before a change, a deletion, a revealed key): the
     * user (with a refreshed hash if one was made) when {@code password} is theirs and no lock is
     * in force as the account is read again; else {@code INVALID_CREDENTIALS},
     * {@code ACCOUNT_LOCKED} or {@code SERVICE_BUSY}.
     */
    public Outcome<User> check(User user, String password, RequestContext context) {
        return matches(user, password, context).flatMap(check -> {
            // failures counted while this password was hashed may have locked the account since
            Optional<UserRecord> current = users.findById(user.ref());
            Optional<Problem.AccountLocked> locked = current.flatMap(record -> lockout.lockInForce(record, clock.instant()));
            if (locked.isPresent()) {
                return Outcome.refused(locked.get());
            }
            if (check == PasswordCheck.MATCH_NEEDS_REHASH && rehash(user, password, context)) {
                return Outcome.done(users.findById(user.ref()).map(User::restore).orElse(user));
            }
            return Outcome.done(user);
        });
    }

    /**
     * The password check of a login: the user as read when {@code password} is theirs (hashed
     * again with current parameters if need be), else {@code INVALID_CREDENTIALS},
     * {@code ACCOUNT_LOCKED} or {@code SERVICE_BUSY}. A lock set meanwhile is the business of
     * {@link #recordLogin}, which the login calls next.
     */
    public Outcome<User> checkForLogin(User user, String password, RequestContext context) {
        return matches(user, password, context).map(check -> {
            if (check == PasswordCheck.MATCH_NEEDS_REHASH) {
                rehash(user, password, context);
            }
            return user;
        });
    }

    /**
     * Records the successful login of a checked password, atomically in the store: the user as
     * stored after it (failures reset, last login now), or {@code ACCOUNT_LOCKED} when concurrent
     * failures locked the account while the password was checked, or {@code INVALID_CREDENTIALS}
     * when it is gone.
     */
    public Outcome<User> recordLogin(User user, Instant now) {
        SuccessfulLogin login = users.recordSuccessfulLogin(user.ref(), now);
        return login.kind() == SuccessfulLogin.Kind.RECORDED ? Outcome.done(User.restore(login.user()))
                : Outcome.refused(lockout.refusal(login));
    }

    /**
     * Spends the same work as checking a real user's password, for a login naming nobody, so
     * the answer takes as long as a wrong password's.
     */
    public Problem checkNobody(String password) {
        Outcome<PasswordCheck> checked = gate.verify(password == null ? "" : password, dummyHash);
        return checked.isDone() ? new Problem.InvalidCredentials() : checked.problem();
    }

    /**
     * A failed login naming {@code login}, which no account of the tenant has: the same hashing
     * work as a wrong password, then the same lockout an account would get ({@code ACCOUNT_LOCKED}
     * on the failure that reaches the threshold and until the lock ends), else
     * {@code INVALID_CREDENTIALS}.
     */
    public Problem checkUnknown(TenantId tenant, String login, String password) {
        Problem checked = checkNobody(password);
        if (checked instanceof Problem.ServiceBusy) {
            return checked;
        }
        Instant now = clock.instant();
        LockoutPolicy.UnknownName name = lockout.unknownName(tenant, login);
        Optional<OpenWindow> lock = counters.current(name.lock(), now);
        if (lock.isPresent() && lock.get().count() > 0) {
            return new Problem.AccountLocked(lock.get().resetsAt());
        }
        // each lock starts a new generation of the failure count, as a lock resets an account's
        int generation = counters.current(name.locks(), now).map(OpenWindow::count).orElse(0);
        Acquisition failure = counters.tryAcquire(name.failures(generation), name.failuresLimit(), now);
        if (name.belowThreshold(failure)) {
            return checked;
        }
        Acquisition locked = counters.tryAcquire(name.lock(), name.lockLimit(), now);
        if (locked.isGranted()) {
            counters.tryAcquire(name.locks(), name.locksLimit(), now);
        }
        return new Problem.AccountLocked(locked.resetsAt());
    }

    /**
     * Whether {@code password} is the user's: refused while a lock is in force (after the same
     * hashing work), and a wrong one counted by the lockout rule.
     */
    private Outcome<PasswordCheck> matches(User user, String password, RequestContext context) {
        Instant now = clock.instant();
        Optional<Problem.AccountLocked> locked = lockout.lockInForce(user.record(), now);
        if (locked.isPresent()) {
            // the same hashing work as any other answer, so the time tells nothing
            return checkNobody(password) instanceof Problem.ServiceBusy busy ? Outcome.refused(busy)
                    : Outcome.refused(locked.get());
        }
        if (password == null) {
            return Outcome.refused(new Problem.InvalidCredentials());
        }
        return gate.verify(password, user.record().passwordHash())
                .flatMap(check -> check.matches() ? Outcome.done(check) : Outcome.refused(countFailure(user, now, context)));
    }

    private Problem countFailure(User user, Instant now, RequestContext context) {
        FailedLogin failure = users.recordFailedLogin(user.ref(), lockout.rule(), now);
        if (failure.kind() == FailedLogin.Kind.LOCKED_NOW) {
            auditor.event(AuditType.ACCOUNT_LOCKED, user.ref().tenant(), user.ref().id(), context)
                    .with(Map.of("locked_until", failure.lockedUntil().toString())).succeeded();
        }
        return lockout.refusal(failure);
    }

    /** Hashes the password again with current parameters, compare-and-set; answers whether the new hash is stored. */
    private boolean rehash(User user, String password, RequestContext context) {
        Outcome<String> fresh = gate.hash(password);
        if (!fresh.isDone()) {
            return false; // busy: the old hash still works, so rehash on a later login
        }
        Instant now = clock.instant();
        if (!users.replacePasswordHash(user.ref(), user.record().passwordHash(), fresh.orElseThrow(), now).isApplied()) {
            return false;
        }
        auditor.event(AuditType.PASSWORD_REHASHED, user.ref().tenant(), user.ref().id(), context).succeeded();
        return true;
    }
}
