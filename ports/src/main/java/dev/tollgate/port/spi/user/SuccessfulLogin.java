package dev.tollgate.port.spi.user;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link UserStore#recordSuccessfulLogin} did.
 *
 * @param user        the user as stored after the login ({@code RECORDED}), else null
 * @param lockedUntil the lock in force ({@code LOCKED}), else null
 */
public record SuccessfulLogin(Kind kind, UserRecord user, Instant lockedUntil) {

    public enum Kind {
        /** The login is recorded: failures reset, an ended lock cleared, the last login time set. */
        RECORDED,
        /** A lock is in force (concurrent failures locked the account); nothing changed. */
        LOCKED,
        /** No such user; nothing changed. */
        NOT_FOUND
    }

    public SuccessfulLogin {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.RECORDED) != (user != null)) {
            throw new IllegalArgumentException("exactly a RECORDED login carries the user");
        }
        if ((kind == Kind.LOCKED) != (lockedUntil != null)) {
            throw new IllegalArgumentException("exactly a LOCKED login carries lockedUntil");
        }
    }

    public static SuccessfulLogin recorded(UserRecord user) {
        return new SuccessfulLogin(Kind.RECORDED, Objects.requireNonNull(user, "user"), null);
    }

    public static SuccessfulLogin locked(Instant until) {
        return new SuccessfulLogin(Kind.LOCKED, null, Objects.requireNonNull(until, "until"));
    }

    public static SuccessfulLogin notFound() {
        return new SuccessfulLogin(Kind.NOT_FOUND, null, null);
    }

    @Override
    public String toString() {
        return "SuccessfulLogin[kind=" + kind + ", user=" + (user == null ? null : user.ref()) + ", lockedUntil="
                + lockedUntil + "]";
    }
}
