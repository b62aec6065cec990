package dev.tollgate.core.staff;

import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.IssuedServiceAccount;
import dev.tollgate.port.api.staff.ServiceAccountView;
import dev.tollgate.port.api.staff.ServiceAccounts;
import java.util.Set;

/** Being built (issue 11). */
public final class ServiceAccountService implements ServiceAccounts {

    @Override
    public Outcome<Actor> actorOf(String key) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<IssuedServiceAccount> create(Actor actor, TenantId tenant, String name, Set<Permission> permissions, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<Page<ServiceAccountView>> list(Actor actor, TenantId tenant, PageRequest page) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Outcome<ServiceAccountView> revoke(Actor actor, TenantId tenant, ServiceAccountId id, String reason, RequestContext context) {
        throw new UnsupportedOperationException("not built yet");
    }
}
