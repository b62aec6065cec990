package dev.tollgate.port.api.staff;

import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A service account as admins see it: never its key.
 *
 * @param keyHint the key's first characters, to tell keys apart
 */
public record ServiceAccountView(ServiceAccountId id, TenantId tenant, String name, Set<Permission> permissions,
        String keyHint, Instant createdAt, Optional<Instant> revokedAt) {

    public ServiceAccountView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        permissions = Set.copyOf(permissions);
        Objects.requireNonNull(keyHint, "keyHint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }
}
