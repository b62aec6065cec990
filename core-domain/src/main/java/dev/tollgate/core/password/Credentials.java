package dev.tollgate.core.password;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.User;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.LockoutSettings;
import dev.tollgate.port.spi.audit.AuditType;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowCounters.OpenWindow;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.password.PasswordCheck;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a user's password with the lockout rule: a lock in force refuses, after the same hashing
 * work as any other answer; each wrong password is counted atomically in the store and the
 * failure that reaches the threshold locks the account; a correct password checked while
 * concurrent failures locked the account is refused too. A correct password hashed with older
 * parameters is hashed again, compare-and-set, so a concurrent change is never overwritten.
 *
 * <p>A login name no account has locks exactly alike, so a lock tells no one that an account
 * exists: its failures are counted in window counters under a fingerprint of the tenant and the
 * name, the failure that reaches the threshold locks it for the lock duration, and the count
 * starts afresh after each lock. Those counts are remembered for {@link #UNKNOWN_NAME_MEMORY}
 * (an account's are kept until its next successful login).
 */
public final class Credentials {

    /** How long failures of a login name no account has are remembered. */
    public static final Duration UNKNOWN_NAME_MEMORY = Duration.ofDays(30);

    private static final int MOST_LOCKS_COUNTED = 1_000_000;

    private final UserStore users;
    private final WindowCounters counters;
    private final HashingGate gate;
    private final LockoutSettings lockout;
    private final Clock clock;
    private final Auditor auditor;
    private final String dummyHash;

    public Credentials(UserStore users, WindowCounters counters, HashingGate gate, LockoutSettings lockout,
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
     * The user (with a refreshed hash if one was made) when {@code password} is theirs; else
     * {@code INVALID_CREDENTIALS}, {@code ACCOUNT_LOCKED} or {@code SERVICE_BUSY}.
     */
    public Outcome<User> check(User user, String password, RequestContext context) {
        Instant now = clock.instant();
        if (user.record().lockedAt(now)) {
            // the same hashing work as any other answer, so the time tells nothing
            return checkNobody(password) instanceof Problem.ServiceBusy busy ? Outcome.refused(busy)
                    : Outcome.refused(new Problem.AccountLocked(user.record().lockedUntil()));
        }
        if (password == null) {
            return Outcome.refused(new Problem.InvalidCredentials());
        }
        return gate.verify(password, user.record().passwordHash()).flatMap(check -> {
            if (!check.matches()) {
                return Outcome.refused(countFailure(user, now, context));
            }
            // failures counted while this password was hashed may have locked the account since
            Optional<UserRecord> current = users.findById(user.ref());
            if (current.isPresent() && current.get().lockedAt(clock.instant())) {
                return Outcome.refused(new Problem.AccountLocked(current.get().lockedUntil()));
            }
            return Outcome.done(check == PasswordCheck.MATCH_NEEDS_REHASH ? rehash(user, password, context) : user);
        });
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
        String name = "login-unknown:" + Secrets.fingerprint(tenant.value() + "\n" + login.strip().toLowerCase(Locale.ROOT));
        String lockKey = name + ":lock";
        Optional<OpenWindow> lock = counters.current(lockKey, now);
        if (lock.isPresent() && lock.get().count() > 0) {
            return new Problem.AccountLocked(lock.get().resetsAt());
        }
        // each lock starts a new generation of the failure count, as a lock resets an account's
        String locksKey = name + ":locks";
        int generation = counters.current(locksKey, now).map(OpenWindow::count).orElse(0);
        Acquisition failure = counters.tryAcquire(name + ":failures:" + generation, lockout.maxFailures(),
                UNKNOWN_NAME_MEMORY, now);
        if (failure.granted() && failure.count() < lockout.maxFailures()) {
            return checked;
        }
        Acquisition locked = counters.tryAcquire(lockKey, 1, lockout.lockDuration(), now);
        if (locked.granted()) {
            counters.tryAcquire(locksKey, MOST_LOCKS_COUNTED, UNKNOWN_NAME_MEMORY, now);
        }
        return new Problem.AccountLocked(locked.resetsAt());
    }

    private Problem countFailure(User user, Instant now, RequestContext context) {
        FailedLogin failure = users.recordFailedLogin(user.ref(), lockout.maxFailures(), now,
                now.plus(lockout.lockDuration()));
        switch (failure.kind()) {
            case LOCKED_NOW:
                auditor.event(AuditType.ACCOUNT_LOCKED, user.ref().tenant(), user.ref().id(), context)
                        .with(Map.of("locked_until", failure.lockedUntil().toString())).succeeded();
                return new Problem.AccountLocked(failure.lockedUntil());
            case ALREADY_LOCKED:
                return new Problem.AccountLocked(failure.lockedUntil());
            default:
                return new Problem.InvalidCredentials();
        }
    }

    private User rehash(User user, String password, RequestContext context) {
        Outcome<String> fresh = gate.hash(password);
        if (!fresh.isDone()) {
            return user; // busy: the old hash still works, so rehash on a later login
        }
        Instant now = clock.instant();
        if (!users.replacePasswordHash(user.ref(), user.record().passwordHash(), fresh.orElseThrow(), now)) {
            return user;
        }
        auditor.event(AuditType.PASSWORD_REHASHED, user.ref().tenant(), user.ref().id(), context).succeeded();
        return users.findById(user.ref()).map(User::restore).orElse(user);
    }
}
