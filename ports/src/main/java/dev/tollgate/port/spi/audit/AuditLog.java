package dev.tollgate.port.spi.audit;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.util.List;
import java.util.UUID;

/** The append-only audit log. */
public interface AuditLog {

    void append(AuditEvent event);

    /** Events whose subject is {@code subject}, newest (highest id) first, at most {@code limit}. */
    List<AuditEvent> findBySubject(TenantId tenant, UserId subject, int limit);

    /**
     * Events matching {@code filter}, newest (highest id) first, strictly older than
     * {@code before} (null: from the newest), at most {@code limit} (1 to 1,000). Served by
     * indexes on the tenant with the id, the subject, the actor and the type, so a page deep in
     * the log costs what the first does.
     */
    List<AuditEvent> search(AuditFilter filter, UUID before, int limit);
}
