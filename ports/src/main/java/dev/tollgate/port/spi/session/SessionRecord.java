package dev.tollgate.port.spi.session;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A session as stores persist it. Tokens are kept only as digests (hex of SHA-256 or a keyed
 * digest); a store looks sessions up by digest.
 *
 * @param revokedAt   when the session was ended; null while live
 * @param idleTimeout the session ends when unused this long; null for the settings' idle
 *                    timeout (a staff member's session carries the shorter staff one)
 * @param device      a short, non-secret label of the device the session was opened from (the
 *                    start of its identifier's digest), or null when the client named none
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
        Instant revokedAt,
        Duration idleTimeout,
        String device) {

    public SessionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(accessDigest, "accessDigest");
        Objects.requireNonNull(refreshDigest, "refreshDigest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /** A session opened from no known device. */
    public SessionRecord(SessionId id, UserRef user, String accessDigest, String refreshDigest, Instant createdAt,
            Instant lastUsedAt, Instant accessExpiresAt, Instant refreshExpiresAt, String ip, String userAgent,
            Instant revokedAt, Duration idleTimeout) {
        this(id, user, accessDigest, refreshDigest, createdAt, lastUsedAt, accessExpiresAt, refreshExpiresAt, ip,
                userAgent, revokedAt, idleTimeout, null);
    }

    /** A session with the settings' idle timeout. */
    public SessionRecord(SessionId id, UserRef user, String accessDigest, String refreshDigest, Instant createdAt,
            Instant lastUsedAt, Instant accessExpiresAt, Instant refreshExpiresAt, String ip, String userAgent,
            Instant revokedAt) {
        this(id, user, accessDigest, refreshDigest, createdAt, lastUsedAt, accessExpiresAt, refreshExpiresAt, ip,
                userAgent, revokedAt, null, null);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "SessionRecord[id=" + id + ", user=" + user + ", revokedAt=" + revokedAt + "]";
    }
}
