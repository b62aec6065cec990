package dev.tollgate.port.api.admin;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which audit events of a tenant to list, newest first. Every filter is optional ({@code null}
 * or empty: any); the time range includes {@code from} and excludes {@code to}.
 */
public record AuditQuery(TenantId tenant, UserId subject, UserId actor, Set<AuditType> types, AuditOutcome outcome,
        Instant from, Instant to) {

    public AuditQuery {
        Objects.requireNonNull(tenant, "tenant");
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    public static AuditQuery all(TenantId tenant) {
        return new AuditQuery(tenant, null, null, Set.of(), null, null, null);
    }
}
