package dev.tollgate.port.api.key;

import dev.tollgate.port.ApiKeyId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An API key as its owner sees it in a list: never the secret.
 *
 * @param name          the owner's label, or null
 * @param displayPrefix the key's first characters, to tell keys apart (not a secret)
 * @param recoverable   whether {@link ApiKeys#reveal} can show it again
 * @param expiresAt     null for never
 * @param revokedAt     null while not revoked
 * @param allowedIps    the address ranges (CIDR) the key works from; empty for anywhere
 */
public record ApiKeyView(
        ApiKeyId id,
        String name,
        String displayPrefix,
        boolean primary,
        boolean recoverable,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        List<String> allowedIps) {

    public ApiKeyView {
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
