package dev.tollgate.port;

import java.util.Objects;
import java.util.UUID;

/**
 * A session's identity: a time-ordered UUID. It is not a secret (users list and revoke
 * sessions by it); the tokens that authenticate a session are separate.
 */
public record SessionId(UUID value) {

    public SessionId {
        Objects.requireNonNull(value, "session id");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} when malformed. */
    public static SessionId parse(String text) {
        return new SessionId(UUID.fromString(Objects.requireNonNull(text, "session id")));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
