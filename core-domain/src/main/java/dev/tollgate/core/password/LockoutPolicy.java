package dev.tollgate.core.password;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.LockoutSettings;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The lockout rule, built from the {@link LockoutSettings}: the failed login that brings an
 * account's consecutive failures to the threshold locks it for the lock duration, and while a
 * lock is in force (its end after now) every login is refused with {@code ACCOUNT_LOCKED},
 * whatever the password. The store applies the rule to each failure atomically
 * ({@link #rule()}); this policy reads what the store answered.
 *
 * <p>A login name no account has locks exactly alike, so a lock tells no one that an account
 * exists: its failures are counted in window counters under a fingerprint of the tenant and the
 * name, remembered for {@link #UNKNOWN_NAME_MEMORY}, and each lock starts the count afresh
 * ({@link UnknownName}).
 */
public final class LockoutPolicy {

    /** How long failures of a login name no account has are remembered. */
    public static final Duration UNKNOWN_NAME_MEMORY = Duration.ofDays(30);

    private static final int MOST_LOCKS_COUNTED = 1_000_000;

    private final LockoutRule rule;

    public LockoutPolicy(LockoutSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.rule = new LockoutRule(settings.maxFailures(), settings.lockDuration());
    }

    /** What one failed login of an account does, as the store applies it. */
    public LockoutRule rule() {
        return rule;
    }

    /** The lock in force on {@code user} at {@code now}, as the refusal it means; empty when none is. */
    public Optional<Problem.AccountLocked> lockInForce(UserRecord user, Instant now) {
        return user.lockedAt(now) ? Optional.of(new Problem.AccountLocked(user.lockedUntil())) : Optional.empty();
    }

    /** The refusal a counted wrong password answers: {@code ACCOUNT_LOCKED} when it locked or met a lock, else {@code INVALID_CREDENTIALS}. */
    public Problem refusal(FailedLogin failure) {
        return switch (failure.kind()) {
            case LOCKED_NOW, ALREADY_LOCKED -> new Problem.AccountLocked(failure.lockedUntil());
            case COUNTED, NOT_FOUND -> new Problem.InvalidCredentials();
        };
    }

    /**
     * The refusal of a correct password whose login the store did not record: {@code ACCOUNT_LOCKED}
     * when concurrent failures locked the account while the password was checked,
     * {@code INVALID_CREDENTIALS} when the account is gone.
     */
    public Problem refusal(SuccessfulLogin login) {
        return switch (login.kind()) {
            case LOCKED -> new Problem.AccountLocked(login.lockedUntil());
            case NOT_FOUND -> new Problem.InvalidCredentials();
            case RECORDED -> throw new IllegalArgumentException("a recorded login is no refusal");
        };
    }

    /** The counters of a login name no account of {@code tenant} has; the name is matched without regard to case or surrounding blanks. */
    public UnknownName unknownName(TenantId tenant, String login) {
        String name = "login-unknown:" + Secrets.fingerprint(tenant.value() + "\n" + login.strip().toLowerCase(Locale.ROOT));
        return new UnknownName(name, rule);
    }

    /**
     * The lockout of a login name no account has, in window counters: {@link #lock()} holds a
     * lock in force, {@link #locks()} counts the locks so far (the generation of the failure
     * count, so each lock starts it afresh), and {@link #failures(int)} counts the failures of
     * one generation.
     */
    public static final class UnknownName {

        private final String name;
        private final LockoutRule rule;

        private UnknownName(String name, LockoutRule rule) {
            this.name = name;
            this.rule = rule;
        }

        /** The counter whose open window is the lock in force. */
        public CounterKey lock() {
            return CounterKey.of(name + ":lock");
        }

        /** A lock is one count in a window as long as the lock. */
        public WindowLimit lockLimit() {
            return WindowLimit.of(1, rule.lockFor());
        }

        /** The counter of the locks so far: the generation of the failure count. */
        public CounterKey locks() {
            return CounterKey.of(name + ":locks");
        }

        public WindowLimit locksLimit() {
            return WindowLimit.of(MOST_LOCKS_COUNTED, UNKNOWN_NAME_MEMORY);
        }

        /** The counter of the failures since the {@code generation}-th lock. */
        public CounterKey failures(int generation) {
            return CounterKey.of(name + ":failures:" + generation);
        }

        public WindowLimit failuresLimit() {
            return WindowLimit.of(rule.threshold(), UNKNOWN_NAME_MEMORY);
        }

        /** Whether this counted failure stays below the threshold; if not, the name is to be locked. */
        public boolean belowThreshold(Acquisition failure) {
            return failure.isGranted() && failure.count() < rule.threshold();
        }
    }
}
