package dev.tollgate.port.spi.audit;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which events of one tenant {@link AuditLog#search} answers. Every filter but the tenant is
 * optional ({@code null} or empty: any); {@code from} is included and {@code to} excluded.
 */
public record AuditFilter(TenantId tenant, UserId subject, UserId actor, Set<AuditType> types, AuditOutcome outcome,
        Instant from, Instant to) {

    public AuditFilter {
        Objects.requireNonNull(tenant, "tenant");
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public static AuditFilter all(TenantId tenant) {
        return new AuditFilter(tenant, null, null, Set.of(), null, null, null);
    }
}
