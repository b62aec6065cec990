package dev.tollgate.port.api.staff;

import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import java.util.Set;

/**
 * Non-human principals: a key and a set of permissions (such as {@code keys.verify} and
 * {@code billing.write}), acting in their tenant. Managing them needs
 * {@code service_accounts.manage}; an actor grants no permission it lacks itself.
 */
public interface ServiceAccounts {

    /**
     * The actor a presented service key is: a live account of an active tenant. Refusals:
     * {@code INVALID_TOKEN} (unknown or revoked key, without saying which), {@code TENANT_DISABLED}.
     */
    Outcome<Actor> actorOf(String key);

    /**
     * Whether {@code actor} may use {@code permission} on records of {@code tenant}, as the
     * service routes ask before verifying a key or changing a plan: done with the tenant, or
     * refused with {@code PERMISSION_DENIED}, audited like every refusal of an administrative use case.
     */
    Outcome<TenantId> permit(Actor actor, Permission permission, TenantId tenant, RequestContext context);

    /** Refusals: {@code VALIDATION_FAILED} (name 1-100 characters, at least one permission), {@code PERMISSION_DENIED}. */
    Outcome<IssuedServiceAccount> create(Actor actor, TenantId tenant, String name, Set<Permission> permissions,
            RequestContext context);

    Outcome<Page<ServiceAccountView>> list(Actor actor, TenantId tenant, PageRequest page);

    /** Its key stops working at once. Refusals: {@code SERVICE_ACCOUNT_NOT_FOUND}. */
    Outcome<ServiceAccountView> revoke(Actor actor, TenantId tenant, ServiceAccountId id, String reason,
            RequestContext context);
}
