package dev.tollgate.port.api.session;

import dev.tollgate.port.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * A live session as its owner sees it in a list.
 *
 * @param ip        the address it was created from, or null
 * @param userAgent the user agent it was created with, or null
 * @param device    a short label of the device it was opened from (not its identifier), or null
 */
public record SessionView(
        SessionId id,
        Instant createdAt,
        Instant lastUsedAt,
        Instant accessExpiresAt,
        Instant refreshExpiresAt,
        String ip,
        String userAgent,
        String device) {

    public SessionView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(accessExpiresAt, "accessExpiresAt");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
    }
}
