package dev.tollgate.port.spi.audit;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.util.List;

/** The append-only audit log. */
public interface AuditLog {

    void append(AuditEvent event);

    /** Events whose subject is {@code subject}, newest (highest id) first, at most {@code limit}. */
    List<AuditEvent> findBySubject(TenantId tenant, UserId subject, int limit);
}
