package dev.tollgate.port;

import java.util.Objects;
import java.util.UUID;

/** An API key's identity: a time-ordered UUID. Not a secret; owners list and revoke keys by it. */
public record ApiKeyId(UUID value) {

    public ApiKeyId {
        Objects.requireNonNull(value, "api key id");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} when malformed. */
    public static ApiKeyId parse(String text) {
        return new ApiKeyId(UUID.fromString(Objects.requireNonNull(text, "api key id")));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
