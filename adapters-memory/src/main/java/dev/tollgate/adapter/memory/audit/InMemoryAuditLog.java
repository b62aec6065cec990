package dev.tollgate.adapter.memory.audit;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditFilter;
import dev.tollgate.port.spi.audit.AuditLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An {@link AuditLog} in memory. Events are ordered by id compared as unsigned 128-bit numbers,
 * as databases compare UUIDs, which for time-ordered ids is the order of time.
 */
public final class InMemoryAuditLog implements AuditLog {

    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };
    private static final Comparator<AuditEvent> NEWEST_FIRST = Comparator.comparing(AuditEvent::id, UNSIGNED).reversed();

    private final Object lock = new Object();
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public void append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            events.add(event);
        }
    }

    @Override
    public List<AuditEvent> findBySubject(TenantId tenant, UserId subject, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        List<AuditEvent> matching;
        synchronized (lock) {
            matching = events.stream()
                    .filter(e -> e.tenant().equals(tenant) && subject.equals(e.subject()))
                    .toList();
        }
        return matching.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }

    @Override
    public List<AuditEvent> search(AuditFilter filter, UUID before, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be 1 to 1,000");
        }
        List<AuditEvent> matching;
        synchronized (lock) {
            matching = events.stream()
                    .filter(e -> matches(filter, e) && (before == null || UNSIGNED.compare(e.id(), before) < 0))
                    .toList();
        }
        return matching.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }

    private static boolean matches(AuditFilter filter, AuditEvent event) {
        return event.tenant().equals(filter.tenant())
                && (filter.subject() == null || filter.subject().equals(event.subject()))
                && (filter.actor() == null || filter.actor().equals(event.actor()))
                && (filter.types().isEmpty() || filter.types().contains(event.type()))
                && (filter.outcome() == null || filter.outcome() == event.outcome())
                && (filter.from() == null || !event.at().isBefore(filter.from()))
                && (filter.to() == null || event.at().isBefore(filter.to()));
    }
}
