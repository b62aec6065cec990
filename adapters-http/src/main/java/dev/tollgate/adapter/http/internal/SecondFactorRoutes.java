package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.mfa.SecondFactors;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * {@code /v1/users/mfa}: the signed-in user's own second factor, with a session (never an API
 * key). Enrolling answers the secret, its {@code otpauth} URI and QR code; confirming a first
 * code of the app answers the recovery codes, shown only then and when regenerated.
 */
public final class SecondFactorRoutes {

    private final SecondFactors factors;
    private final JsonBodies json;
    private final Answers answers;
    private final BearerAuthentication auth;
    private final RequestScope scope;

    public SecondFactorRoutes(SecondFactors factors, JsonBodies json, Answers answers, BearerAuthentication auth,
            RequestScope scope) {
        this.factors = Objects.requireNonNull(factors, "factors");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/users/mfa", this::status);
        routes.post("/v1/users/mfa/totp", this::enrol);
        routes.post("/v1/users/mfa/totp/confirm", this::confirm);
        routes.delete("/v1/users/mfa/totp", this::disable);
        routes.post("/v1/users/mfa/recovery-codes", this::regenerateRecoveryCodes);
    }

    private void status(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> factors.status(principal.user())), 200,
                Responses.SecondFactor::of);
    }

    private void enrol(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.PasswordConfirmation.class)
                .flatMap(in -> factors.enrol(principal.user(), in.password(), scope.origin(ctx)))), 200,
                Responses.Enrolment::of);
    }

    private void confirm(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.TotpCode.class)
                .flatMap(in -> factors.confirm(principal.user(), in.code(), scope.origin(ctx)))), 200,
                Responses.RecoveryCodeList::of);
    }

    private void disable(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.MfaDisable.class)
                .flatMap(in -> factors.disable(principal.user(), in.password(), in.code(), scope.origin(ctx)))), 200,
                Responses.SecondFactor::of);
    }

    private void regenerateRecoveryCodes(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.TotpCode.class)
                .flatMap(in -> factors.regenerateRecoveryCodes(principal.user(), in.code(), scope.origin(ctx)))), 200,
                Responses.RecoveryCodeList::of);
    }
}
