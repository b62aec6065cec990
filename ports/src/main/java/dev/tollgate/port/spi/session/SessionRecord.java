package dev.tollgate.port.spi.session;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A session as stores persist it. Tokens are kept only as digests (hex of SHA-256 or a keyed
 * digest); a store looks sessions up by digest.
 *
 * @param revokedAt when the session was ended; null while live
 */
public record SessionRecord(
        SessionId id,
        UserRef user,
        String accessDigest,
        String refreshDigest,
        Instant createdAt,
        Instant lastUsedAt,
        Instant accessExpiresAt,
        Instant refreshExpiresAt,
        String ip,
        String userAgent,
        Instant revokedAt) {

    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(accessDigest, "accessDigest");
        Objects.requireNonNull(refreshDigest, "refreshDigest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "SessionRecord[id=" + id + ", user=" + user + ", revokedAt=" + revokedAt + "]";
    }
}
