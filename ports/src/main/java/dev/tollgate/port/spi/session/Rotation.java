package dev.tollgate.port.spi.session;

import java.time.Instant;
import java.util.Objects;

/** The new token digests and expiry times a refresh gives a session. */
public record Rotation(String accessDigest, String refreshDigest, Instant accessExpiresAt, Instant refreshExpiresAt) {
    public Rotation {
        Objects.requireNonNull(accessDigest, "accessDigest");
        Objects.requireNonNull(refreshDigest, "refreshDigest");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
    }

    @Override
    public String toString() {
        return "Rotation[accessExpiresAt=" + accessExpiresAt + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
