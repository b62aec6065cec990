package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.ApiKeys;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * The signed-in user's API keys: {@code /v1/users/api-key} for the primary key registration
 * created (viewed, revealed, regenerated) and {@code /v1/users/api-keys} for all of them
 * (listed, created, restricted to address ranges, revoked). Secrets appear only in the answers of
 * reveal, regenerate and create. The two reads also take the user's own API key as the bearer
 * token; the rest need a session.
 */
public final class ApiKeyRoutes {

    private final ApiKeys apiKeys;
    private final JsonBodies json;
    private final Answers answers;
    private final BearerAuthentication auth;
    private final RequestScope scope;

    public ApiKeyRoutes(ApiKeys apiKeys, JsonBodies json, Answers answers, BearerAuthentication auth,
            RequestScope scope) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/users/api-key", this::viewPrimary);
        routes.post("/v1/users/api-key/reveal", this::revealPrimary);
        routes.post("/v1/users/api-key/regenerate", this::regeneratePrimary);
        routes.get("/v1/users/api-keys", this::list);
        routes.post("/v1/users/api-keys", this::create);
        routes.patch("/v1/users/api-keys/{id}", this::restrict);
        routes.delete("/v1/users/api-keys/{id}", this::revoke);
    }

    private void viewPrimary(Context ctx) {
        answers.write(ctx, auth.requireSessionOrApiKey(ctx).flatMap(principal -> apiKeys.primary(principal.user())), 200,
                Responses.ApiKey::of);
    }

    private void revealPrimary(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.PasswordConfirmation.class)
                .flatMap(in -> apiKeys.primary(principal.user()).flatMap(primary -> apiKeys.reveal(principal.user(),
                        primary.id(), in.password(), scope.origin(ctx))))), 200, Responses.IssuedApiKey::of);
    }

    private void regeneratePrimary(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.PasswordConfirmation.class)
                .flatMap(in -> apiKeys.primary(principal.user()).flatMap(primary -> apiKeys.regenerate(principal.user(),
                        primary.id(), in.password(), scope.origin(ctx))))), 200, Responses.IssuedApiKey::of);
    }

    private void list(Context ctx) {
        answers.write(ctx, auth.requireSessionOrApiKey(ctx), 200,
                principal -> Responses.ApiKeys.of(apiKeys.list(principal.user())));
    }

    private void create(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.ApiKeyCreation.class)
                .flatMap(in -> in.expiry().flatMap(expiry -> apiKeys.create(principal.user(), in.name(),
                        expiry.orElse(null), in.allowedIps(), scope.origin(ctx))))), 201, Responses.IssuedApiKey::of);
    }

    private void restrict(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> keyId(ctx)
                .flatMap(key -> json.read(ctx, Requests.ApiKeyRestriction.class)
                        .flatMap(in -> apiKeys.restrict(principal.user(), key, in.allowedIps(), scope.origin(ctx))))),
                200, Responses.ApiKey::of);
    }

    private void revoke(Context ctx) {
        answers.writeNoContent(ctx, auth.require(ctx).flatMap(principal -> keyId(ctx)
                .flatMap(key -> apiKeys.revoke(principal.user(), key, scope.origin(ctx)))));
    }

    /** The path's key id; text that is no id names no key of this user, so it is not found, like any other. */
    private static Outcome<ApiKeyId> keyId(Context ctx) {
        try {
            return Outcome.done(ApiKeyId.parse(ctx.pathParam("id")));
        } catch (IllegalArgumentException malformed) {
            return Outcome.refused(new Problem.ApiKeyNotFound());
        }
    }
}
