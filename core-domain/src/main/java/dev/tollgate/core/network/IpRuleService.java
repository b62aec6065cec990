package dev.tollgate.core.network;

import dev.tollgate.core.account.AccountService;
import dev.tollgate.core.address.IpRange;
import dev.tollgate.core.admin.UserAdministrationService;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.core.staff.AccessRules;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.network.IpRuleView;
import dev.tollgate.port.api.network.IpRules;
import dev.tollgate.port.api.network.NewIpRule;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.spi.network.IpRule;
import dev.tollgate.port.spi.network.IpRuleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Staff's IP rules, checked, stored, audited and announced to every process. */
public final class IpRuleService implements IpRules {

    private static final int MAX_REASON = 500;

    private final IpRuleStore store;
    private final NetworkAccessService network;
    private final AccessRules access;
    private final TimeOrderedIds ids;
    private final Clock clock;
    private final Auditor auditor;

    public IpRuleService(IpRuleStore store, NetworkAccessService network, AccessRules access, TimeOrderedIds ids, Clock clock,
            Auditor auditor) {
        this.store = Objects.requireNonNull(store, "store");
        this.network = Objects.requireNonNull(network, "network");
        this.access = Objects.requireNonNull(access, "access");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public Outcome<IpRuleView> create(Actor actor, NewIpRule rule, RequestContext context) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(rule, "rule");
        Optional<Problem> denied = allowed(actor, rule.tenant(), context);
        if (denied.isPresent()) {
            return Outcome.refused(denied.get());
        }
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        IpRange.Parsed range = IpRange.parse(rule.cidr());
        if (!range.valid()) {
            errors.add(new Problem.FieldError("cidr", "the range " + range.error()));
        }
        IpRule.Action action = action(rule.action());
        if (action == null) {
            errors.add(new Problem.FieldError("action", "must be allow or deny"));
        }
        if (rule.reason() == null || rule.reason().isBlank() || rule.reason().length() > MAX_REASON) {
            errors.add(new Problem.FieldError("reason", "a reason of 1-" + MAX_REASON + " characters is required"));
        }
        if (rule.expiresAt() != null && !rule.expiresAt().isAfter(now)) {
            errors.add(new Problem.FieldError("expires_at", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            return Outcome.refused(new Problem.InvalidInput(errors));
        }
        IpRule stored = new IpRule(new IpRuleId(ids.next()), rule.tenant(), range.range().text(), action,
                rule.reason().strip(), false, author(actor), now, rule.expiresAt());
        store.create(stored);
        network.changed();
        audit(AuditType.IP_RULE_CREATED, actor, stored, rule.reason(), context).succeeded();
        return Outcome.done(view(stored));
    }

    @Override
    public Outcome<List<IpRuleView>> list(Actor actor, TenantId tenant) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.may(Permission.NETWORK_MANAGE) || tenant != null && !actor.reaches(tenant)) {
            return Outcome.refused(access.deny(actor, Permission.NETWORK_MANAGE,
                    tenant != null ? tenant : actor.tenant(), null, RequestContext.NONE));
        }
        return Outcome.done(store.live(clock.instant()).stream()
                .filter(rule -> tenant == null ? rule.tenant() == null || actor.reaches(rule.tenant())
                        : rule.tenant() == null || rule.tenant().equals(tenant))
                // an automatic block names an address of whichever tenant's user tripped it: operators see them
                .filter(rule -> actor.allTenants() || rule.tenant() != null || !rule.automatic())
                .map(IpRuleService::view)
                .toList());
    }

    @Override
    public Outcome<IpRuleView> lift(Actor actor, IpRuleId id, String reason, RequestContext context) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(id, "id");
        Optional<IpRule> found = store.find(id);
        TenantId scope = found.map(IpRule::tenant).orElse(null);
        Optional<Problem> denied = allowed(actor, scope, context);
        if (denied.isPresent()) {
            // a rule the actor may not see is answered as if it did not exist; a missing permission is still said
            return actor.may(Permission.NETWORK_MANAGE) ? Outcome.refused(new Problem.IpRuleNotFound())
                    : Outcome.refused(denied.get());
        }
        Outcome<Boolean> reasoned = AccountService.checkReason(reason);
        if (!reasoned.isDone()) {
            return Outcome.refused(reasoned.problem());
        }
        if (found.isEmpty() || !store.delete(id).isApplied()) {
            return Outcome.refused(new Problem.IpRuleNotFound());
        }
        if (found.get().automatic()) {
            // lifting a block lifts it: any other automatic block of the address (another window's) goes too
            store.live(clock.instant()).stream()
                    .filter(rule -> rule.automatic() && rule.cidr().equals(found.get().cidr()))
                    .forEach(rule -> store.delete(rule.id()));
        }
        network.changed();
        audit(AuditType.IP_RULE_LIFTED, actor, found.get(), reason, context).succeeded();
        return Outcome.done(view(found.get()));
    }

    /** Whether the actor may manage rules of {@code tenant}; a global rule (null) needs an actor of every tenant. */
    private Optional<Problem> allowed(Actor actor, TenantId tenant, RequestContext context) {
        if (tenant == null) {
            return actor.may(Permission.NETWORK_MANAGE) && actor.allTenants() ? Optional.empty()
                    : Optional.of(access.deny(actor, Permission.NETWORK_MANAGE, actor.tenant(), null, context));
        }
        return access.check(actor, Permission.NETWORK_MANAGE, tenant, null, context);
    }

    private Auditor.Entry audit(AuditType type, Actor actor, IpRule rule, String reason, RequestContext context) {
        TenantId tenant = rule.tenant() != null ? rule.tenant() : actor.tenant();
        return UserAdministrationService.actedBy(actor, Permission.NETWORK_MANAGE, reason)
                .on(auditor.event(type, tenant, null, context), Map.of("rule", rule.id().toString(),
                        "cidr", rule.cidr(), "action", rule.action().name().toLowerCase(Locale.ROOT),
                        "scope", rule.tenant() == null ? "global" : "tenant"));
    }

    private static IpRule.Action action(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "allow" -> IpRule.Action.ALLOW;
            case "deny" -> IpRule.Action.DENY;
            default -> null;
        };
    }

    private static String author(Actor actor) {
        return switch (actor.kind()) {
            case STAFF -> actor.staff().id().toString();
            case SERVICE -> "service:" + actor.service();
            case SYSTEM -> "system";
        };
    }

    static IpRuleView view(IpRule rule) {
        return new IpRuleView(rule.id(), rule.tenant(), rule.cidr(), rule.action().name().toLowerCase(Locale.ROOT),
                rule.reason(), rule.automatic(), rule.createdBy(), rule.createdAt(), rule.expiresAt());
    }
}
