package dev.tollgate.port.api.tenant;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import java.time.Instant;
import java.util.Objects;

/** A tenant as super admins see it. */
public record TenantView(TenantId id, String name, TenantStatus status, Instant createdAt, Instant updatedAt) {

    public TenantView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
