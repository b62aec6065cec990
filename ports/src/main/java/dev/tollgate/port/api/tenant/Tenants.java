package dev.tollgate.port.api.tenant;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.staff.Actor;

/**
 * The tenants of an installation. {@link TenantId#DEFAULT} always exists. Reading one's own
 * tenant needs only a staff role of it; everything else needs {@code tenants.manage} (the super
 * admin's), refused with {@code PERMISSION_DENIED} and audited otherwise. Names are 1-100
 * characters of text.
 */
public interface Tenants {

    /** Refusals: {@code VALIDATION_FAILED}, {@code TENANT_TAKEN}. */
    Outcome<TenantView> create(Actor actor, TenantId id, String name, RequestContext context);

    /** Refusals: {@code TENANT_NOT_FOUND}. */
    Outcome<TenantView> find(Actor actor, TenantId id);

    /** By id. */
    Outcome<Page<TenantView>> list(Actor actor, PageRequest page);

    Outcome<TenantView> rename(Actor actor, TenantId id, String name, RequestContext context);

    /**
     * Its users can no longer log in, their sessions stop working and its keys verify as
     * {@code TENANT_DISABLED}, in every process within a second. The default tenant cannot be
     * disabled ({@code VALIDATION_FAILED}). Disabling a disabled tenant changes nothing.
     */
    Outcome<TenantView> disable(Actor actor, TenantId id, String reason, RequestContext context);

    Outcome<TenantView> enable(Actor actor, TenantId id, String reason, RequestContext context);
}
