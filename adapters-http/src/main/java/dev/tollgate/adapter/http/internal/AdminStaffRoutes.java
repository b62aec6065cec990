package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.ServiceAccounts;
import dev.tollgate.port.api.staff.Staff;
import dev.tollgate.port.api.tenant.Tenants;
import dev.tollgate.port.settings.StaffSettings;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * {@code /v1/admin/staff}, {@code /v1/admin/tenants}, {@code /v1/admin/service-accounts} and
 * {@code POST /v1/admin/setup}: who holds which role, the tenants, the service accounts, and the
 * first super admin of a fresh installation (with the one-time setup token; no bearer token).
 */
public final class AdminStaffRoutes {

    private final Staff staff;
    private final Tenants tenants;
    private final ServiceAccounts serviceAccounts;
    private final FirstRun firstRun;
    private final AdminAuthentication auth;
    private final Tenancy tenancy;
    private final JsonBodies json;
    private final Answers answers;
    private final RequestScope scope;

    public AdminStaffRoutes(Staff staff, Tenants tenants, ServiceAccounts serviceAccounts, FirstRun firstRun,
            AdminAuthentication auth, Tenancy tenancy, JsonBodies json, Answers answers, RequestScope scope) {
        this.staff = Objects.requireNonNull(staff, "staff");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.serviceAccounts = Objects.requireNonNull(serviceAccounts, "serviceAccounts");
        this.firstRun = Objects.requireNonNull(firstRun, "firstRun");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/admin/staff", this::listStaff);
        routes.post("/v1/admin/staff", this::grant);
        routes.patch("/v1/admin/staff/{user_id}", this::changeRole);
        routes.delete("/v1/admin/staff/{user_id}", this::revokeRole);
        routes.get("/v1/admin/tenants", this::listTenants);
        routes.post("/v1/admin/tenants", this::createTenant);
        routes.get("/v1/admin/tenants/{id}", this::findTenant);
        routes.patch("/v1/admin/tenants/{id}", this::renameTenant);
        routes.post("/v1/admin/tenants/{id}/disable", this::disableTenant);
        routes.post("/v1/admin/tenants/{id}/enable", this::enableTenant);
        routes.get("/v1/admin/service-accounts", this::listServiceAccounts);
        routes.post("/v1/admin/service-accounts", this::createServiceAccount);
        routes.delete("/v1/admin/service-accounts/{id}", this::revokeServiceAccount);
        routes.post("/v1/admin/setup", this::setup);
    }

    private void listStaff(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> {
            QueryParams params = new QueryParams(ctx);
            return params.then(params::page).flatMap(page -> staff.list(actor, auth.tenantOf(ctx, actor), page));
        }), 200, page -> AdminResponses.PageBody.of(page, AdminResponses.StaffMemberBody::of));
    }

    /** An existing user by {@code user_id}, or an invitation by {@code email}: exactly one of them. */
    private void grant(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> json.read(ctx, AdminRequests.StaffGrant.class)
                .flatMap(in -> {
                    TenantId tenant = auth.tenantOf(ctx, actor);
                    if ((in.userId() == null) == (in.email() == null)) {
                        return Outcome.refused(Problem.InvalidInput.of("user_id", "give user_id or email, not both"));
                    }
                    if (in.userId() != null) {
                        return BillingRoutes.userIn(tenant, in.userId())
                                .flatMap(user -> staff.grant(actor, user, in.role(), in.reason(), scope.origin(ctx)));
                    }
                    return staff.invite(actor, tenant, in.email(), in.role(), in.reason(), scope.origin(ctx));
                })), 201, AdminResponses.StaffMemberBody::of);
    }

    private void changeRole(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> member(ctx, actor)
                .flatMap(user -> json.read(ctx, AdminRequests.RoleChange.class)
                        .flatMap(in -> staff.changeRole(actor, user, in.role(), in.reason(), scope.origin(ctx))))),
                200, AdminResponses.StaffMemberBody::of);
    }

    private void revokeRole(Context ctx) {
        answers.writeNoContent(ctx, auth.actor(ctx).flatMap(actor -> member(ctx, actor)
                .flatMap(user -> reason(ctx).flatMap(in -> staff.revoke(actor, user, in.reason(), scope.origin(ctx))))));
    }

    private void listTenants(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> {
            QueryParams params = new QueryParams(ctx);
            return params.then(params::page).flatMap(page -> tenants.list(actor, page));
        }), 200, page -> AdminResponses.PageBody.of(page, AdminResponses.Tenant::of));
    }

    private void createTenant(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> json.read(ctx, AdminRequests.TenantCreation.class)
                .flatMap(in -> tenantId("id", in.id())
                        .flatMap(id -> tenants.create(actor, id, in.name(), scope.origin(ctx))))),
                201, AdminResponses.Tenant::of);
    }

    private void findTenant(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> pathTenant(ctx).flatMap(id -> tenants.find(actor, id))),
                200, AdminResponses.Tenant::of);
    }

    private void renameTenant(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> pathTenant(ctx)
                .flatMap(id -> json.read(ctx, AdminRequests.TenantRename.class)
                        .flatMap(in -> tenants.rename(actor, id, in.name(), scope.origin(ctx))))),
                200, AdminResponses.Tenant::of);
    }

    private void disableTenant(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> pathTenant(ctx)
                .flatMap(id -> reason(ctx).flatMap(in -> tenants.disable(actor, id, in.reason(), scope.origin(ctx))))),
                200, AdminResponses.Tenant::of);
    }

    private void enableTenant(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> pathTenant(ctx)
                .flatMap(id -> reason(ctx).flatMap(in -> tenants.enable(actor, id, in.reason(), scope.origin(ctx))))),
                200, AdminResponses.Tenant::of);
    }

    private void listServiceAccounts(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> {
            QueryParams params = new QueryParams(ctx);
            return params.then(params::page)
                    .flatMap(page -> serviceAccounts.list(actor, auth.tenantOf(ctx, actor), page));
        }), 200, page -> AdminResponses.PageBody.of(page, AdminResponses.ServiceAccount::of));
    }

    private void createServiceAccount(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> json.read(ctx, AdminRequests.ServiceAccountCreation.class)
                .flatMap(in -> in.permissionSet().flatMap(permissions -> serviceAccounts.create(actor,
                        auth.tenantOf(ctx, actor), in.name(), permissions, scope.origin(ctx))))),
                201, AdminResponses.IssuedServiceAccountBody::of);
    }

    private void revokeServiceAccount(Context ctx) {
        answers.writeNoContent(ctx, auth.actor(ctx).flatMap(actor -> serviceAccountId(ctx)
                .flatMap(id -> reason(ctx).flatMap(in -> serviceAccounts.revoke(actor, auth.tenantOf(ctx, actor), id,
                        in.reason(), scope.origin(ctx))))));
    }

    /**
     * No bearer token: the setup token is the credential. The super admin is a user of the default
     * tenant whatever the request names, the one tenant that can never be disabled.
     */
    private void setup(Context ctx) {
        answers.write(ctx, json.read(ctx, AdminRequests.Setup.class).flatMap(in -> firstRun.complete(in.token(),
                new NewStaff(tenancy.defaultTenant(), in.username(), in.email(), in.password(), StaffSettings.SUPER_ADMIN),
                scope.origin(ctx))), 201, AdminResponses.StaffMemberBody::of);
    }

    /** The staff member the path names; text that is no UUID names nobody. */
    private Outcome<UserRef> member(Context ctx, Actor actor) {
        return BillingRoutes.userIn(auth.tenantOf(ctx, actor), ctx.pathParam("user_id"));
    }

    private static Outcome<TenantId> pathTenant(Context ctx) {
        try {
            return Outcome.done(TenantId.of(ctx.pathParam("id")));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(new Problem.TenantNotFound());
        }
    }

    private static Outcome<TenantId> tenantId(String field, String text) {
        try {
            return Outcome.done(TenantId.of(text));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(Problem.InvalidInput.of(field,
                    "must be 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit"));
        }
    }

    private static Outcome<ServiceAccountId> serviceAccountId(Context ctx) {
        try {
            return Outcome.done(ServiceAccountId.parse(ctx.pathParam("id")));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(new Problem.ServiceAccountNotFound());
        }
    }

    private Outcome<AdminRequests.Reason> reason(Context ctx) {
        return json.readOptional(ctx, AdminRequests.Reason.class, AdminRequests.Reason.NONE);
    }
}
