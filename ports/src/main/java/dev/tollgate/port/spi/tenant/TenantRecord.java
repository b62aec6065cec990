package dev.tollgate.port.spi.tenant;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A tenant as stores persist it.
 *
 * @param statusReason why the status was last changed; null when never given
 */
public record TenantRecord(TenantId id, String name, TenantStatus status, String statusReason, Instant createdAt,
        Instant updatedAt) {

    public TenantRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
