package dev.tollgate.port.spi.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one failed login does to an account, as the lockout policy decided it: the failure that
 * brings the consecutive count to {@code threshold} locks the account for {@code lockFor}.
 *
 * @param threshold consecutive failures that lock, at least 1
 * @param lockFor   how long the lock lasts from the failure that locks, positive
 */
public record LockoutRule(int threshold, Duration lockFor) {

    public LockoutRule {
        Objects.requireNonNull(lockFor, "lockFor");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        if (lockFor.isNegative() || lockFor.isZero()) {
            throw new IllegalArgumentException("lockFor must be positive, was " + lockFor);
        }
    }

    /** When a lock set by a failure at {@code now} ends. */
    public Instant lockUntil(Instant now) {
        return now.plus(lockFor);
    }
}
