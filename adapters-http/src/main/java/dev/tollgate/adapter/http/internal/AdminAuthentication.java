package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.Sessions;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.ServiceAccounts;
import dev.tollgate.port.api.staff.Staff;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Who calls {@code /v1/admin}: {@code Authorization: Bearer <token>} holding a staff member's
 * session token ({@link Staff#actorOf}), a service account's key ({@link ServiceAccounts#actorOf})
 * or the configured service token (the bootstrap service account). A session is looked up in the
 * request's tenant, then in the default tenant, where an installation's super admins usually
 * live, so they can name another tenant with the header. No bearer token is
 * {@code UNAUTHENTICATED}; a token that is none of these is {@code INVALID_TOKEN}; a session of a
 * user holding no role is {@code PERMISSION_DENIED}. What the actor may do is the core's to decide.
 */
public final class AdminAuthentication {

    private final Sessions sessions;
    private final Staff staff;
    private final ServiceAccounts accounts;
    private final ServiceAuthentication services;
    private final Tenancy tenancy;

    public AdminAuthentication(Sessions sessions, Staff staff, ServiceAccounts accounts, ServiceAuthentication services,
            Tenancy tenancy) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.staff = Objects.requireNonNull(staff, "staff");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.services = Objects.requireNonNull(services, "services");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
    }

    /** The actor of the request, or the refusal; throws {@link HttpFailure} {@code UNAUTHENTICATED} without a bearer token. */
    public Outcome<Actor> actor(Context ctx) {
        String token = BearerAuthentication.bearerToken(ctx);
        Optional<Actor> bootstrap = services.bootstrap(token);
        if (bootstrap.isPresent()) {
            return Outcome.done(bootstrap.get());
        }
        TenantId tenant = tenancy.of(ctx);
        Outcome<Principal> session = sessions.authenticate(tenant, token);
        if (!session.isDone() && !tenant.equals(tenancy.defaultTenant())) {
            session = sessions.authenticate(tenancy.defaultTenant(), token);
        }
        if (session.isDone()) {
            return session.flatMap(staff::actorOf);
        }
        Outcome<Actor> service = accounts.actorOf(token);
        return service.isDone() || service.problem().code() != ErrorCode.INVALID_TOKEN ? service : Outcome.refused(session.problem());
    }

    /** The tenant an admin call acts in: the one the request names, else the actor's own. */
    public TenantId tenantOf(Context ctx, Actor actor) {
        return tenancy.named(ctx).orElse(actor.tenant());
    }
}
