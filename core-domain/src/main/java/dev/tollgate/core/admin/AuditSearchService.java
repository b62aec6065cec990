package dev.tollgate.core.admin;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.admin.AuditSearch;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.staff.Actor;

/** Being built (issue 11). */
public final class AuditSearchService implements AuditSearch {

    @Override
    public Outcome<Page<AuditEntry>> search(Actor actor, AuditQuery query, PageRequest page) {
        throw new UnsupportedOperationException("not built yet");
    }
}
