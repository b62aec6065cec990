package dev.tollgate.adapter.http.internal;

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
 * What a billing system calls with the service token, for a user of this server's tenant:
 * {@code GET} and {@code PUT /v1/billing/users/{id}/subscription} (the plan and per-user
 * overrides) and {@code POST /v1/billing/users/{id}/top-ups} (units that never reset).
 */
public final class BillingRoutes {

    private final Subscriptions subscriptions;
    private final ServiceAuthentication auth;
    private final JsonBodies json;
    private final Answers answers;
    private final RequestScope scope;
    private final TenantId tenant;

    public BillingRoutes(Subscriptions subscriptions, ServiceAuthentication auth, JsonBodies json, Answers answers,
            RequestScope scope, TenantId tenant) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/billing/users/{id}/subscription", this::view);
        routes.put("/v1/billing/users/{id}/subscription", this::change);
        routes.post("/v1/billing/users/{id}/top-ups", this::topUp);
    }

    private void view(Context ctx) {
        auth.require(ctx);
        answers.write(ctx, user(ctx).flatMap(subscriptions::view), 200, Responses.Subscription::of);
    }

    private void change(Context ctx) {
        auth.require(ctx);
        answers.write(ctx, user(ctx).flatMap(user -> json.read(ctx, Requests.PlanChange.class)
                .flatMap(Requests.PlanChange::toChange)
                .flatMap(change -> subscriptions.change(user, change, scope.origin(ctx)))), 200,
                Responses.Subscription::of);
    }

    private void topUp(Context ctx) {
        auth.require(ctx);
        answers.write(ctx, user(ctx).flatMap(user -> json.read(ctx, Requests.TopUp.class)
                .flatMap(in -> subscriptions.topUp(user, in.meter(), in.amount(), scope.origin(ctx))
                        .map(balance -> new Responses.TopUp(in.meter(), Responses.Meter.of(balance))))), 200,
                Function.identity());
    }

    /** The user the path names; an id that is no UUID names nobody. */
    private Outcome<UserRef> user(Context ctx) {
        try {
            return Outcome.done(new UserRef(tenant, new UserId(UUID.fromString(ctx.pathParam("id")))));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(new Problem.UserNotFound());
        }
    }
}
