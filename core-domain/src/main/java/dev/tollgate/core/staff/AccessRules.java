package dev.tollgate.core.staff;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.spi.staff.StaffRecord;
import dev.tollgate.port.spi.staff.StaffStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The one place that decides whether an actor may do something: every administrative use case
 * asks here first, and a refusal is {@code PERMISSION_DENIED}, audited, with nothing changed.
 *
 * <ul>
 *   <li>the actor holds the permission;
 *   <li>the record is in the actor's tenant, unless the actor acts in all tenants;
 *   <li>a user acted on who holds a staff role is of a lower tier than the actor's, except that
 *       the highest tier acts on its peers (someone must be able to remove a super admin).
 * </ul>
 */
public final class AccessRules {

    private final StaffSettings settings;
    private final StaffStore staff;
    private final Auditor auditor;

    public AccessRules(StaffSettings settings, StaffStore staff, Auditor auditor) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** The staff settings the rules follow. */
    public StaffSettings settings() {
        return settings;
    }

    /**
     * Empty when {@code actor} may use {@code permission} on records of {@code tenant}; else the
     * refusal, audited (with {@code subject} when one is acted on).
     */
    public Optional<Problem> check(Actor actor, Permission permission, TenantId tenant, UserRef subject,
            RequestContext context) {
        if (actor.may(permission) && actor.reaches(tenant)) {
            return Optional.empty();
        }
        return Optional.of(deny(actor, permission, tenant, subject, context));
    }

    /**
     * As {@link #check}, for acting on the user {@code target}: also refused when the target
     * holds a staff role of a tier the actor may not act on.
     */
    public Optional<Problem> checkOver(Actor actor, Permission permission, UserRef target, RequestContext context) {
        Optional<Problem> plain = check(actor, permission, target.tenant(), target, context);
        if (plain.isPresent()) {
            return plain;
        }
        Optional<StaffRecord> role = staff.find(target);
        if (role.isPresent() && !mayActOnTier(actor, tierOf(role.get().role()))) {
            return Optional.of(deny(actor, permission, target.tenant(), target, context));
        }
        return Optional.empty();
    }

    /** {@link #check} as an outcome: {@code next} when allowed. */
    public <T> Outcome<T> guard(Actor actor, Permission permission, TenantId tenant, UserRef subject,
            RequestContext context, Supplier<Outcome<T>> next) {
        Optional<Problem> refusal = check(actor, permission, tenant, subject, context);
        return refusal.isPresent() ? Outcome.refused(refusal.get()) : next.get();
    }

    /** {@link #checkOver} as an outcome: {@code next} when allowed. */
    public <T> Outcome<T> guardOver(Actor actor, Permission permission, UserRef target, RequestContext context,
            Supplier<Outcome<T>> next) {
        Optional<Problem> refusal = checkOver(actor, permission, target, context);
        return refusal.isPresent() ? Outcome.refused(refusal.get()) : next.get();
    }

    /**
     * Whether {@code actor} may act on a staff member of {@code tier}: a lower tier, or its own
     * when it is the highest. A tier no longer configured (a role removed from the settings)
     * counts as the highest, so only super admins act on it.
     */
    public boolean mayActOnTier(Actor actor, OptionalInt tier) {
        int target = tier.orElse(settings.roles().size() - 1);
        int highest = settings.roles().size() - 1;
        if (actor.kind() == Actor.Kind.SYSTEM) {
            return true;
        }
        return target < actor.tier() || (actor.tier() == highest && target == highest);
    }

    /**
     * Whether {@code actor} may grant {@code role} (or move someone to it): it manages staff
     * ({@code admins.manage} for a role that itself holds {@code staff.manage}), the role is
     * below its own tier (or its own when that is the highest), and the role holds no more than
     * the actor does: no permission it lacks, no reach into all tenants it lacks, no larger
     * credit cap. A roles file whose lower tier holds something a higher one lacks so grants
     * nobody that power but the operator.
     */
    public boolean mayGrant(Actor actor, Role role) {
        Permission needed = role.may(Permission.STAFF_MANAGE) || role.may(Permission.ADMINS_MANAGE)
                ? Permission.ADMINS_MANAGE : Permission.STAFF_MANAGE;
        return actor.may(needed) && mayActOnTier(actor, OptionalInt.of(settings.tier(role)))
                && actor.permissions().containsAll(role.permissions())
                && (actor.allTenants() || !role.allTenants())
                && role.creditCap() <= actor.creditCap();
    }

    /** The tier of the role named {@code role}, if it is configured. */
    public OptionalInt tierOf(String role) {
        return settings.role(role).map(found -> OptionalInt.of(settings.tier(found))).orElse(OptionalInt.empty());
    }

    /** Records and answers a refusal for want of {@code permission}. */
    public Problem deny(Actor actor, Permission permission, TenantId tenant, UserRef subject, RequestContext context) {
        auditor.event(AuditType.PERMISSION_DENIED, tenant, subject == null ? null : subject.id(), context)
                .by(actor.auditedAs().orElse(null))
                .with(describe(actor, permission))
                .failed(ErrorCode.PERMISSION_DENIED);
        return new Problem.PermissionDenied();
    }

    /** The non-secret facts the audit keeps of who acted: the role or the service account. */
    public static Map<String, String> describe(Actor actor, Permission permission) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("actor_kind", actor.kind().name().toLowerCase(Locale.ROOT));
        if (actor.role() != null) {
            facts.put("actor_role", actor.role());
        }
        if (actor.service() != null) {
            facts.put("service_account", actor.service().toString());
        }
        if (permission != null) {
            facts.put("permission", permission.id());
        }
        return Map.copyOf(facts);
    }
}
