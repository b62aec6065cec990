package dev.tollgate.core.admin;

import dev.tollgate.core.audit.AuditTrailService;
import dev.tollgate.core.staff.AccessRules;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.admin.AuditSearch;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditFilter;
import dev.tollgate.port.spi.audit.AuditLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The audit log for staff, newest first, paged by the last event's id. Reading one user's
 * events needs only {@code users.read} (and the tier rule over that user); anything wider needs
 * {@code audit.read}. The log keeps no count, so a page never carries a total.
 */
public final class AuditSearchService implements AuditSearch {

    private final AccessRules access;
    private final AuditLog log;

    public AuditSearchService(AccessRules access, AuditLog log) {
        this.access = Objects.requireNonNull(access, "access");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public Outcome<Page<AuditEntry>> search(Actor actor, AuditQuery query, PageRequest page) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        if (query.subject() != null && !actor.may(Permission.AUDIT_READ)) {
            return access.guardOver(actor, Permission.USERS_READ, new UserRef(query.tenant(), query.subject()),
                    RequestContext.NONE, () -> allowed(query, page));
        }
        return access.guard(actor, Permission.AUDIT_READ, query.tenant(), null, RequestContext.NONE,
                () -> allowed(query, page));
    }

    private Outcome<Page<AuditEntry>> allowed(AuditQuery query, PageRequest page) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UserAdministrationService.checkLimit(page, errors);
        UserAdministrationService.checkRange("at", query.from(), query.to(), errors);
        AuditFilter filter = new AuditFilter(query.tenant(), query.subject(), query.actor(), query.types(),
                query.outcome(), query.from(), query.to());
        String fingerprint = "audit|" + filter.tenant() + "|" + filter.subject() + "|" + filter.actor() + "|"
                + filter.types().stream().map(Enum::name).sorted().toList() + "|" + filter.outcome() + "|"
                + filter.from() + "|" + filter.to();
        UUID before = null;
        if (page.cursor() != null) {
            Optional<UUID> decoded = Cursors.audit(fingerprint, page.cursor());
            if (decoded.isEmpty()) {
                errors.add(UserAdministrationService.badCursor());
            } else {
                before = decoded.get();
            }
        }
        if (!errors.isEmpty()) {
            return Outcome.refused(new Problem.InvalidInput(errors));
        }
        List<AuditEvent> events = log.search(filter, before, page.limit() + 1);
        boolean more = events.size() > page.limit();
        List<AuditEvent> shown = more ? events.subList(0, page.limit()) : events;
        Optional<String> next = more ? Optional.of(Cursors.audit(fingerprint, shown.get(shown.size() - 1).id()))
                : Optional.empty();
        return Outcome.done(new Page<>(shown.stream().map(AuditTrailService::entry).toList(), next,
                OptionalLong.empty()));
    }
}
