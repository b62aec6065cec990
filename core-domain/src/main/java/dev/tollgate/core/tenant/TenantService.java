package dev.tollgate.core.tenant;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.staff.AccessRules;
import dev.tollgate.core.staff.KeysetCursor;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.tenant.TenantView;
import dev.tollgate.port.api.tenant.Tenants;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tenants, managed by holders of {@code tenants.manage}. Each change goes through the
 * {@link TenantGate} of this process at once; other processes see it within the gate's second.
 */
public final class TenantService implements Tenants {

    public static final int MAX_NAME = 100;
    private static final int MAX_REASON = 500;
    private static final KeysetCursor CURSOR = new KeysetCursor("tenants");

    private final TenantStore store;
    private final AccessRules access;
    private final TenantGate gate;
    private final Clock clock;
    private final Auditor auditor;

    public TenantService(TenantStore store, AccessRules access, TenantGate gate, Clock clock, Auditor auditor) {
        this.store = Objects.requireNonNull(store, "store");
        this.access = Objects.requireNonNull(access, "access");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<TenantView> create(Actor actor, TenantId id, String name, RequestContext context) {
        Objects.requireNonNull(id, "id");
        return access.guard(actor, Permission.TENANTS_MANAGE, id, null, context, () -> checkName(name).flatMap(valid -> {
            Instant now = clock.instant();
            TenantRecord tenant = new TenantRecord(id, valid, TenantStatus.ACTIVE, null, now, now);
            if (!store.insert(tenant).isApplied()) {
                return Outcome.refused(new Problem.TenantTaken());
            }
            gate.forget(id);
            audit(AuditType.TENANT_CREATED, actor, id, context, Map.of("name", valid));
            return Outcome.done(view(tenant));
        }));
    }

    @Override
    public Outcome<TenantView> find(Actor actor, TenantId id) {
        Objects.requireNonNull(id, "id");
        if (actor.kind() == Actor.Kind.STAFF && actor.tenant().equals(id)) {
            return found(id);
        }
        return access.guard(actor, Permission.TENANTS_MANAGE, id, null, RequestContext.NONE, () -> found(id));
    }

    @Override
    public Outcome<Page<TenantView>> list(Actor actor, PageRequest page) {
        if (!actor.allTenants()) {
            return Outcome.refused(access.deny(actor, Permission.TENANTS_MANAGE, actor.tenant(), null,
                    RequestContext.NONE));
        }
        return access.guard(actor, Permission.TENANTS_MANAGE, actor.tenant(), null, RequestContext.NONE,
                () -> CURSOR.after(page).flatMap(after -> {
                    TenantId from;
                    try {
                        from = after.map(TenantId::of).orElse(null);
                    } catch (IllegalArgumentException e) {
                        return Outcome.refused(Problem.InvalidInput.of("cursor", "is not a cursor of this list"));
                    }
                    List<TenantView> fetched = store.list(from, page.limit() + 1).stream()
                            .map(TenantService::view).toList();
                    return Outcome.done(CURSOR.page(fetched, page, tenant -> tenant.id().value(),
                            page.count() ? OptionalLong.of(count()) : OptionalLong.empty()));
                }));
    }

    private long count() {
        long count = 0;
        TenantId after = null;
        List<TenantRecord> chunk;
        do {
            chunk = store.list(after, PageRequest.MAX_LIMIT);
            count += chunk.size();
            after = chunk.isEmpty() ? null : chunk.get(chunk.size() - 1).id();
        } while (chunk.size() == PageRequest.MAX_LIMIT);
        return count;
    }

    @Override
    public Outcome<TenantView> rename(Actor actor, TenantId id, String name, RequestContext context) {
        Objects.requireNonNull(id, "id");
        return access.guard(actor, Permission.TENANTS_MANAGE, id, null, context, () -> checkName(name).flatMap(valid -> {
            Optional<TenantRecord> before = store.find(id);
            if (before.isEmpty() || !store.rename(id, valid, clock.instant()).isApplied()) {
                return Outcome.refused(new Problem.TenantNotFound());
            }
            gate.forget(id);
            audit(AuditType.TENANT_RENAMED, actor, id, context, Map.of("name", valid,
                    "previous_name", before.get().name()));
            return found(id);
        }));
    }

    @Override
    public Outcome<TenantView> disable(Actor actor, TenantId id, String reason, RequestContext context) {
        Objects.requireNonNull(id, "id");
        return access.guard(actor, Permission.TENANTS_MANAGE, id, null, context, () -> {
            if (id.equals(TenantId.DEFAULT)) {
                return Outcome.refused(Problem.InvalidInput.of("id", "the default tenant cannot be disabled"));
            }
            return move(actor, id, TenantStatus.ACTIVE, TenantStatus.DISABLED, reason, AuditType.TENANT_DISABLED,
                    context);
        });
    }

    @Override
    public Outcome<TenantView> enable(Actor actor, TenantId id, String reason, RequestContext context) {
        Objects.requireNonNull(id, "id");
        return access.guard(actor, Permission.TENANTS_MANAGE, id, null, context,
                () -> move(actor, id, TenantStatus.DISABLED, TenantStatus.ACTIVE, reason, AuditType.TENANT_ENABLED,
                        context));
    }

    /** Moves the tenant's status; a tenant already there changes nothing and is answered as it is. */
    private Outcome<TenantView> move(Actor actor, TenantId id, TenantStatus from, TenantStatus to, String reason,
            AuditType type, RequestContext context) {
        if (reason != null && reason.length() > MAX_REASON) {
            return Outcome.refused(Problem.InvalidInput.of("reason", "must be at most " + MAX_REASON + " characters"));
        }
        boolean moved = store.changeStatus(id, from, to, blankToNull(reason), clock.instant()).isApplied();
        gate.forget(id);
        if (moved) {
            audit(type, actor, id, context, reason == null || reason.isBlank() ? Map.of() : Map.of("reason", reason));
        }
        return found(id);
    }

    private Outcome<TenantView> found(TenantId id) {
        return store.find(id).<Outcome<TenantView>>map(tenant -> Outcome.done(view(tenant)))
                .orElseGet(() -> Outcome.refused(new Problem.TenantNotFound()));
    }

    private static Outcome<String> checkName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
            return Outcome.refused(Problem.InvalidInput.of("name", "must be 1-" + MAX_NAME + " characters"));
        }
        Optional<Problem.FieldError> notText = TextRules.check("name", name, TextRules.Lines.SINGLE);
        return notText.<Outcome<String>>map(error -> Outcome.refused(new Problem.InvalidInput(List.of(error))))
                .orElseGet(() -> Outcome.done(name.strip()));
    }

    private void audit(AuditType type, Actor actor, TenantId id, RequestContext context, Map<String, String> facts) {
        Map<String, String> details = new LinkedHashMap<>(AccessRules.describe(actor, null));
        details.putAll(facts);
        auditor.event(type, id, null, context).by(actor.auditedAs().orElse(null)).with(details).succeeded();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static TenantView view(TenantRecord tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.status(), tenant.createdAt(), tenant.updatedAt());
    }
}
