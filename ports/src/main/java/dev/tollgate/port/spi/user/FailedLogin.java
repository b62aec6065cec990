package dev.tollgate.port.spi.user;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link UserStore#recordFailedLogin} did.
 *
 * @param failures    consecutive failures after this one (0 once the account is locked)
 * @param lockedUntil the lock in force, or null when none is
 */
public record FailedLogin(Kind kind, int failures, Instant lockedUntil) {

    public enum Kind {
        /** The failure was counted; the account stays unlocked. */
        COUNTED,
        /** This failure reached the threshold: the account is now locked and the count reset. */
        LOCKED_NOW,
        /** The account was already locked; nothing was counted. */
        ALREADY_LOCKED,
        /** No such user; nothing was counted. */
        NOT_FOUND
    }

    public FailedLogin {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.LOCKED_NOW || kind == Kind.ALREADY_LOCKED) && lockedUntil == null) {
            throw new IllegalArgumentException(kind + " needs lockedUntil");
        }
    }

    public static FailedLogin counted(int failures) {
        return new FailedLogin(Kind.COUNTED, failures, null);
    }

    public static FailedLogin lockedNow(Instant until) {
        return new FailedLogin(Kind.LOCKED_NOW, 0, until);
    }

    public static FailedLogin alreadyLocked(int failures, Instant until) {
        return new FailedLogin(Kind.ALREADY_LOCKED, failures, until);
    }

    public static FailedLogin notFound() {
        return new FailedLogin(Kind.NOT_FOUND, 0, null);
    }
}
