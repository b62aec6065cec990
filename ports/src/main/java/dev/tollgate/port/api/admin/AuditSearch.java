package dev.tollgate.port.api.admin;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.staff.Actor;

/**
 * The audit log as staff search it. Security events are there: failed logins ({@code LOGIN}
 * failures), lockouts, throttles hit ({@code THROTTLED}), refresh-token reuse, and permission refusals.
 */
public interface AuditSearch {

    /**
     * Needs {@code audit.read}, or only {@code users.read} when the query names a subject (the
     * audit of that user). Refusals: {@code VALIDATION_FAILED}.
     */
    Outcome<Page<AuditEntry>> search(Actor actor, AuditQuery query, PageRequest page);
}
