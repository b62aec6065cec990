package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.Permission;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.Subscriptions;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a billing system calls as a service actor holding {@code billing.write} (the service
 * token or a service account's key), for a user of the tenant the actor acts in:
 * {@code GET} and {@code PUT /v1/billing/users/{id}/subscription} (the plan and per-user
 * overrides) and {@code POST /v1/billing/users/{id}/top-ups} (units that never reset).
 */
public final class BillingRoutes {

    private final Subscriptions subscriptions;
    private final ServiceAuthentication auth;
    private final JsonBodies json;
    private final Answers answers;
    private final RequestScope scope;

    public BillingRoutes(Subscriptions subscriptions, ServiceAuthentication auth, JsonBodies json, Answers answers,
            RequestScope scope) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/billing/users/{id}/subscription", this::view);
        routes.put("/v1/billing/users/{id}/subscription", this::change);
        routes.post("/v1/billing/users/{id}/top-ups", this::topUp);
    }

    private void view(Context ctx) {
        answers.write(ctx, user(ctx).flatMap(subscriptions::view), 200, Responses.Subscription::of);
    }

    private void change(Context ctx) {
        answers.write(ctx, user(ctx).flatMap(user -> json.read(ctx, Requests.PlanChange.class)
                .flatMap(Requests.PlanChange::toChange)
                .flatMap(change -> subscriptions.change(user, change, scope.origin(ctx)))), 200,
                Responses.Subscription::of);
    }

    private void topUp(Context ctx) {
        answers.write(ctx, user(ctx).flatMap(user -> json.read(ctx, Requests.TopUp.class)
                .flatMap(in -> subscriptions.topUp(user, in.meter(), in.amount(), scope.origin(ctx))
                        .map(balance -> new Responses.TopUp(in.meter(), Responses.Meter.of(balance))))), 200,
                Function.identity());
    }

    /** The user the path names, in the caller's tenant, once the caller is known; an id that is no UUID names nobody. */
    private Outcome<UserRef> user(Context ctx) {
        return auth.require(ctx, Permission.BILLING_WRITE, scope.origin(ctx)).flatMap(tenant -> userIn(tenant, ctx.pathParam("id")));
    }

    /** The user {@code id} names in {@code tenant}; text that is no UUID names nobody. */
    static Outcome<UserRef> userIn(TenantId tenant, String id) {
        try {
            return Outcome.done(new UserRef(tenant, new UserId(UUID.fromString(id))));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(new Problem.UserNotFound());
        }
    }
}
