package dev.tollgate.port.api.key;

import dev.tollgate.port.ApiKeyId;
import java.time.Instant;
import java.util.Objects;

/**
 * An API key as its owner sees it in a list: never the secret.
 *
 * @param name          the owner's label, or null
 * @param displayPrefix the key's first characters, to tell keys apart (not a secret)
 * @param recoverable   whether {@link ApiKeys#reveal} can show it again
 * @param expiresAt     null for never
 * @param revokedAt     null while not revoked
 */
public record ApiKeyView(
        ApiKeyId id,
        String name,
        String displayPrefix,
        boolean primary,
        boolean recoverable,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt) {

    public ApiKeyView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
