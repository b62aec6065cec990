package dev.tollgate.metrics;

import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditFilter;
import dev.tollgate.port.spi.audit.AuditLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts what the audit log records, by type and outcome, before passing each event on: logins
 * and registrations by outcome come from the same events the audit keeps, so the two never
 * disagree. Counted only once the store accepted the event.
 */
public final class MeteredAuditLog implements AuditLog {

    private final AuditLog delegate;
    private final MeterRegistry registry;

    public MeteredAuditLog(AuditLog delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void append(AuditEvent event) {
        delegate.append(event);
        String outcome = event.reason() == null ? event.outcome().name().toLowerCase(Locale.ROOT)
                : event.reason().toLowerCase(Locale.ROOT);
        Counter.builder(meterName(event.type()))
                .description("Tollgate " + event.type().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + " events by outcome (success or the error code)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public List<AuditEvent> findBySubject(TenantId tenant, UserId subject, int limit) {
        return delegate.findBySubject(tenant, subject, limit);
    }

    private static String meterName(AuditType type) {
        return switch (type) {
            case LOGIN -> "tollgate.logins";
            case USER_REGISTERED -> "tollgate.registrations";
            default -> "tollgate.events." + type.name().toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public List<AuditEvent> search(AuditFilter filter, UUID before, int limit) {
        return delegate.search(filter, before, limit);
    }
}
