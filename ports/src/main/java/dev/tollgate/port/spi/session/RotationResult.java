package dev.tollgate.port.spi.session;

import java.util.Objects;

/**
 * What {@link SessionStore#rotate} did.
 *
 * @param session the session after rotation ({@code ROTATED}), the session the spent token
 *                belonged to ({@code REUSED}), or null ({@code UNKNOWN})
 */
public record RotationResult(Kind kind, SessionRecord session) {

    public enum Kind {
        /** The token was the session's current one; the session now has the new digests. */
        ROTATED,
        /** The token had already been rotated away: possible theft. Nothing was changed. */
        REUSED,
        /** The token is neither the current nor a spent refresh token of any stored session. */
        UNKNOWN
    }

    public RotationResult {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.UNKNOWN) != (session == null)) {
            throw new IllegalArgumentException(kind + (session == null ? " needs a session" : " carries no session"));
        }
    }

    public static RotationResult rotated(SessionRecord session) {
        return new RotationResult(Kind.ROTATED, session);
    }

    public static RotationResult reused(SessionRecord session) {
        return new RotationResult(Kind.REUSED, session);
    }

    public static RotationResult unknown() {
        return new RotationResult(Kind.UNKNOWN, null);
    }
}
