package dev.tollgate.port;

import java.util.Objects;
import java.util.UUID;

/** A service account's identity: a time-ordered UUID. Not a secret; admins list and revoke accounts by it. */
public record ServiceAccountId(UUID value) {

    public ServiceAccountId {
        Objects.requireNonNull(value, "service account id");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} when malformed. */
    public static ServiceAccountId parse(String text) {
        return new ServiceAccountId(UUID.fromString(Objects.requireNonNull(text, "service account id")));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
