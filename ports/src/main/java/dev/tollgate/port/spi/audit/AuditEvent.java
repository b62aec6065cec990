package dev.tollgate.port.spi.audit;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the append-only audit log. It never holds a secret: no password, token, code
 * or hash.
 *
 * @param id        time-ordered (UUIDv7), so ordering by id, compared as unsigned 128-bit
 *                  numbers as databases do, orders by time
 * @param actor     who acted; null for an anonymous caller or the system
 * @param subject   the user acted on; null when none is known (a login with an unknown name)
 * @param reason    the error code of a failure, else null
 * @param ip        the client address, or null
 * @param userAgent the client's user agent, or null
 * @param details   further non-secret facts, such as a session id
 */
public record AuditEvent(
        UUID id,
        TenantId tenant,
        AuditType type,
        AuditOutcome outcome,
        UserId actor,
        UserId subject,
        String reason,
        Instant at,
        String ip,
        String userAgent,
        Map<String, String> details) {

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        details = Map.copyOf(Objects.requireNonNullElse(details, Map.of()));
    }
}
