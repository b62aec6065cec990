package dev.tollgate.port.api.audit;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import java.util.List;

/** Reading the audit log. */
public interface AuditTrail {

    /** The newest events about {@code subject} in {@code tenant}, newest first, at most {@code limit}. */
    List<AuditEntry> recent(TenantId tenant, UserId subject, int limit);
}
