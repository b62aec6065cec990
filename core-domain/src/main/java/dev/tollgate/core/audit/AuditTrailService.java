package dev.tollgate.core.audit;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.audit.AuditTrail;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditLog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads the audit log. */
public final class AuditTrailService implements AuditTrail {

    /** Most events one call returns. */
    public static final int MAX_LIMIT = 1000;

    private final AuditLog log;

    public AuditTrailService(AuditLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public List<AuditEntry> recent(TenantId tenant, UserId subject, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        return log.findBySubject(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(subject, "subject"),
                limit).stream().map(AuditTrailService::entry).toList();
    }

    /** An event as the API shows it. */
    public static AuditEntry entry(AuditEvent event) {
        return new AuditEntry(event.id(), event.tenant(), event.type(), event.outcome(), event.at(),
                Optional.ofNullable(event.actor()), Optional.ofNullable(event.subject()),
                Optional.ofNullable(event.reason()), Optional.ofNullable(event.ip()),
                Optional.ofNullable(event.userAgent()), event.details());
    }
}
