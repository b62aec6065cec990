package dev.tollgate.core.tenant;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.tenant.TenantView;
import dev.tollgate.port.api.tenant.Tenants;

/** Being built (issue 11). */
public final class TenantService implements Tenants {

    @Override
    public Outcome<TenantView> create(Actor actor, TenantId id, String name, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<TenantView> find(Actor actor, TenantId id) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<Page<TenantView>> list(Actor actor, PageRequest page) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<TenantView> rename(Actor actor, TenantId id, String name, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<TenantView> disable(Actor actor, TenantId id, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<TenantView> enable(Actor actor, TenantId id, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }
}
