package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.RefusedException;
import dev.tollgate.port.api.key.ApiKeys;
import dev.tollgate.port.api.session.Principal;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * The signed-in user's API keys: {@code /v1/users/api-key} for the primary key registration
 * created (viewed, revealed, regenerated) and {@code /v1/users/api-keys} for all of them
 * (listed, created, revoked). Secrets appear only in the answers of reveal, regenerate and
 * create. The two reads also take the user's own API key as the bearer token; the rest need a session.
 */
public final class ApiKeyRoutes {

    private final ApiKeys apiKeys;
    private final JsonBodies json;
    private final BearerAuthentication auth;
    private final RequestScope scope;

    public ApiKeyRoutes(ApiKeys apiKeys, JsonBodies json, BearerAuthentication auth, RequestScope scope) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.json = Objects.requireNonNull(json, "json");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/users/api-key", this::viewPrimary);
        routes.post("/v1/users/api-key/reveal", this::revealPrimary);
        routes.post("/v1/users/api-key/regenerate", this::regeneratePrimary);
        routes.get("/v1/users/api-keys", this::list);
        routes.post("/v1/users/api-keys", this::create);
        routes.delete("/v1/users/api-keys/{id}", this::revoke);
    }

    private void viewPrimary(Context ctx) {
        Principal principal = auth.requireSessionOrApiKey(ctx);
        json.write(ctx, 200, Responses.ApiKey.of(apiKeys.primary(principal.user()).orElseThrow()));
    }

    private void revealPrimary(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.PasswordConfirmation in = json.read(ctx, Requests.PasswordConfirmation.class);
        UserRef user = principal.user();
        json.write(ctx, 200, Responses.IssuedApiKey.of(apiKeys.primary(user)
                .flatMap(primary -> apiKeys.reveal(user, primary.id(), in.password(), scope.origin(ctx)))
                .orElseThrow()));
    }

    private void regeneratePrimary(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.PasswordConfirmation in = json.read(ctx, Requests.PasswordConfirmation.class);
        UserRef user = principal.user();
        json.write(ctx, 200, Responses.IssuedApiKey.of(apiKeys.primary(user)
                .flatMap(primary -> apiKeys.regenerate(user, primary.id(), in.password(), scope.origin(ctx)))
                .orElseThrow()));
    }

    private void list(Context ctx) {
        Principal principal = auth.requireSessionOrApiKey(ctx);
        json.write(ctx, 200, Responses.ApiKeys.of(apiKeys.list(principal.user())));
    }

    private void create(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.ApiKeyCreation in = json.read(ctx, Requests.ApiKeyCreation.class);
        json.write(ctx, 201, Responses.IssuedApiKey.of(
                apiKeys.create(principal.user(), in.name(), in.expiry(), scope.origin(ctx)).orElseThrow()));
    }

    private void revoke(Context ctx) {
        Principal principal = auth.require(ctx);
        apiKeys.revoke(principal.user(), keyId(ctx), scope.origin(ctx)).orElseThrow();
        ctx.status(204);
    }

    /** The path's key id; text that is no id names no key of this user, so it is not found, like any other. */
    private static ApiKeyId keyId(Context ctx) {
        try {
            return ApiKeyId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException malformed) {
            throw new RefusedException(new Problem.ApiKeyNotFound());
        }
    }
}
