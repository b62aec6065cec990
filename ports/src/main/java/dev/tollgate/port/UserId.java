package dev.tollgate.port;

import java.util.Objects;
import java.util.UUID;

/** A user's identity: a time-ordered UUID (version 7), unique across tenants. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} when malformed. */
    public static UserId parse(String text) {
        return new UserId(UUID.fromString(Objects.requireNonNull(text, "user id")));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
