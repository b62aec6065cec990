package dev.tollgate.port.spi.user;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link UserStore#recordFailedLogin} did.
 *
 * @param failures    consecutive failures after this one ({@code COUNTED}: at least 1), the
 *                    count the lock found ({@code ALREADY_LOCKED}), else 0
 * @param lockedUntil the lock in force ({@code LOCKED_NOW}, {@code ALREADY_LOCKED}), else null
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
        boolean locked = kind == Kind.LOCKED_NOW || kind == Kind.ALREADY_LOCKED;
        if (locked != (lockedUntil != null)) {
            throw new IllegalArgumentException(kind + (locked ? " needs lockedUntil" : " carries no lockedUntil"));
        }
        boolean countFits = switch (kind) {
            case COUNTED -> failures > 0;
            case ALREADY_LOCKED -> failures >= 0;
            case LOCKED_NOW, NOT_FOUND -> failures == 0;
        };
        if (!countFits) {
            throw new IllegalArgumentException(kind + " cannot carry " + failures + " failures");
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
