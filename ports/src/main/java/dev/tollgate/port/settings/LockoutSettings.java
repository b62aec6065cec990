package dev.tollgate.port.settings;

import java.time.Duration;

/**
 * Locking an account after consecutive failed logins.
 *
 * @param maxFailures  failures that lock the account; default 5
 * @param lockDuration how long the lock lasts; default 1 hour
 */
public record LockoutSettings(int maxFailures, Duration lockDuration) {

    public static final LockoutSettings DEFAULTS = new LockoutSettings(5, Duration.ofHours(1));

    public LockoutSettings {
        Checks.between(maxFailures, 1, 1000, "lockout maxFailures");
        Checks.positive(lockDuration, "lockout lockDuration");
    }

    public LockoutSettings withMaxFailures(int value) {
        return new LockoutSettings(value, lockDuration);
    }

    public LockoutSettings withLockDuration(Duration value) {
        return new LockoutSettings(maxFailures, value);
    }
}
