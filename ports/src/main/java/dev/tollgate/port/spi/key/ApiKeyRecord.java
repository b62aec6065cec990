package dev.tollgate.port.spi.key;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An API key as stores persist it: never the key itself, only its digest, a short display
 * prefix and, when a master key is configured, the key sealed with AES-256-GCM.
 *
 * @param name         the owner's label for it, or null
 * @param sealedSecret the key encrypted under the sealing key, or null when it cannot be revealed
 * @param primary      whether it is the key registration created (at most one per user)
 * @param expiresAt    after this the key no longer works; null for never
 * @param revokedAt    when it was revoked; null while not
 * @param allowedIps   the client address ranges (normalised CIDR text) the key works from; empty for anywhere
 */
public record ApiKeyRecord(
        ApiKeyId id,
        UserRef user,
        String name,
        String digest,
        String displayPrefix,
        String sealedSecret,
        boolean primary,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        List<String> allowedIps) {

    public ApiKeyRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(createdAt, "createdAt");
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
    }

    /** A key that works from any address. */
    public ApiKeyRecord(ApiKeyId id, UserRef user, String name, String digest, String displayPrefix,
            String sealedSecret, boolean primary, Instant createdAt, Instant expiresAt, Instant revokedAt) {
        this(id, user, name, digest, displayPrefix, sealedSecret, primary, createdAt, expiresAt, revokedAt, List.of());
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "ApiKeyRecord[id=" + id + ", user=" + user + ", displayPrefix=" + displayPrefix + ", revokedAt="
                + revokedAt + "]";
    }
}
