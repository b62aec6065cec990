package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.email.EmailAddresses;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * The {@code /v1/email} routes: verifying an address with a one-time code, by the signed-in
 * user or, without a session, by address and code; and {@code DELETE /v1/users/email/pending},
 * which cancels a pending change of address.
 */
public final class EmailRoutes {

    private final EmailAddresses emailAddresses;
    private final Tenancy tenancy;
    private final JsonBodies json;
    private final Answers answers;
    private final BearerAuthentication auth;
    private final RequestScope scope;

    public EmailRoutes(EmailAddresses emailAddresses, Tenancy tenancy, JsonBodies json, Answers answers,
            BearerAuthentication auth, RequestScope scope) {
        this.emailAddresses = Objects.requireNonNull(emailAddresses, "emailAddresses");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/email/send-verification", this::sendCode);
        routes.post("/v1/email/resend", this::sendCode);
        routes.post("/v1/email/verify", this::verify);
        routes.post("/v1/email/verify/resend", this::requestCode);
        routes.get("/v1/email/status", this::status);
        routes.delete("/v1/users/email/pending", this::cancelChange);
    }

    private void sendCode(Context ctx) {
        answers.write(ctx, auth.require(ctx)
                .flatMap(principal -> emailAddresses.sendVerificationCode(principal.user(), scope.origin(ctx))), 200,
                Responses.CodeIssued::of);
    }

    /** With {@code email} in the body, by address and code (no session); else the signed-in user's code. */
    private void verify(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.Verification.class).flatMap(in -> in.email() != null
                ? emailAddresses.verifyAddress(tenancy.of(ctx), in.email(), in.code(), scope.origin(ctx))
                : auth.require(ctx).flatMap(principal -> emailAddresses.verify(principal.user(), in.code(),
                        scope.origin(ctx)))), 200, Responses.User::of);
    }

    private void requestCode(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.VerificationCodeRequest.class)
                .flatMap(in -> emailAddresses.requestVerificationCode(tenancy.of(ctx), in.email(), scope.origin(ctx))), 202,
                requested -> Responses.CodeRequestAccepted.ALWAYS);
    }

    private void status(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> emailAddresses.status(principal.user())), 200,
                Responses.EmailVerification::of);
    }

    private void cancelChange(Context ctx) {
        answers.write(ctx, auth.require(ctx)
                .flatMap(principal -> emailAddresses.cancelChange(principal.user(), scope.origin(ctx))), 200,
                Responses.EmailVerification::of);
    }
}
