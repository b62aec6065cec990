package dev.tollgate.port.spi.staff;

import dev.tollgate.port.Permission;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A service account as stores persist it. Its key is kept only as a digest.
 *
 * @param keyDigest unique over all tenants; stores look keys up by it
 * @param keyHint   the key's first characters, shown to tell keys apart
 * @param createdBy who created it; null for the system
 * @param revokedAt when it was revoked; null while live
 */
public record ServiceAccountRecord(ServiceAccountId id, TenantId tenant, String name, Set<Permission> permissions,
        String keyDigest, String keyHint, Instant createdAt, UserId createdBy, Instant revokedAt) {

    public ServiceAccountRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(name, "name");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        Objects.requireNonNull(keyDigest, "keyDigest");
        Objects.requireNonNull(keyHint, "keyHint");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "ServiceAccountRecord[id=" + id + ", tenant=" + tenant + ", name=" + name + "]";
    }
}
