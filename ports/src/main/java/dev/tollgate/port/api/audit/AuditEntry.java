package dev.tollgate.port.api.audit;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One event of the audit log as {@link AuditTrail} reads it. It never holds a secret: no
 * password, token, code or hash.
 *
 * @param id        time-ordered, so the newest event has the greatest id
 * @param actor     who acted, when it was a known user rather than an anonymous caller or the system
 * @param subject   the user acted on, when one is known
 * @param reason    the error code of a failure
 * @param ip        the client address, when known
 * @param userAgent the client's user agent, when known
 * @param details   further non-secret facts, such as a session id
 */
public record AuditEntry(
        UUID id,
        TenantId tenant,
        AuditType type,
        AuditOutcome outcome,
        Instant at,
        Optional<UserId> actor,
        Optional<UserId> subject,
        Optional<String> reason,
        Optional<String> ip,
        Optional<String> userAgent,
        Map<String, String> details) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        details = Map.copyOf(details);
    }
}
