package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.IpRuleId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.network.IpRules;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /v1/admin/ip-rules}: staff's allow and deny ranges, of one tenant or of every tenant,
 * and the automatic blocks. The use case decides who may make, see and lift which rule
 * ({@code network.manage}; a rule of every tenant needs an actor of every tenant).
 */
public final class AdminNetworkRoutes {

    private final IpRules rules;
    private final AdminAuthentication auth;
    private final JsonBodies json;
    private final Answers answers;
    private final RequestScope scope;

    public AdminNetworkRoutes(IpRules rules, AdminAuthentication auth, JsonBodies json, Answers answers,
            RequestScope scope) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/admin/ip-rules", this::list);
        routes.post("/v1/admin/ip-rules", this::create);
        routes.delete("/v1/admin/ip-rules/{id}", this::lift);
    }

    /** {@code ?tenant=}: that tenant's rules and the global ones; absent: every rule the actor may see. */
    private void list(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> tenantParameter(ctx)
                .flatMap(tenant -> rules.list(actor, tenant.orElse(null)))), 200, AdminResponses.IpRules::of);
    }

    private void create(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> json.read(ctx, AdminRequests.IpRuleCreation.class)
                .flatMap(AdminRequests.IpRuleCreation::toRule)
                .flatMap(rule -> rules.create(actor, rule, scope.origin(ctx)))), 201, AdminResponses.IpRule::of);
    }

    private void lift(Context ctx) {
        answers.write(ctx, auth.actor(ctx).flatMap(actor -> ruleId(ctx)
                .flatMap(id -> json.readOptional(ctx, AdminRequests.Reason.class, AdminRequests.Reason.NONE)
                        .flatMap(in -> rules.lift(actor, id, in.reason(), scope.origin(ctx))))), 200,
                AdminResponses.IpRule::of);
    }

    /** The {@code tenant} query parameter; empty when absent. */
    private static Outcome<Optional<TenantId>> tenantParameter(Context ctx) {
        String text = ctx.queryParam("tenant");
        if (text == null || text.isEmpty()) {
            return Outcome.done(Optional.empty());
        }
        try {
            return Outcome.done(Optional.of(TenantId.of(text)));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(Problem.InvalidInput.of("tenant",
                    "must be a tenant id: 1-64 characters of a-z, 0-9, '-' and '_'"));
        }
    }

    /** The path's rule id; text that is no UUID names no rule. */
    private static Outcome<IpRuleId> ruleId(Context ctx) {
        try {
            return Outcome.done(IpRuleId.parse(ctx.pathParam("id")));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(new Problem.IpRuleNotFound());
        }
    }
}
