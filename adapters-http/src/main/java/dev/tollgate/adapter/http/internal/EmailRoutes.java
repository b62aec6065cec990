package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.session.Principal;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/** The {@code /v1/email} routes: verifying the signed-in user's address with a one-time code. */
public final class EmailRoutes {

    private final EmailAddresses emailAddresses;
    private final JsonBodies json;
    private final BearerAuthentication auth;
    private final RequestScope scope;

    public EmailRoutes(EmailAddresses emailAddresses, JsonBodies json, BearerAuthentication auth, RequestScope scope) {
        this.emailAddresses = Objects.requireNonNull(emailAddresses, "emailAddresses");
        this.json = Objects.requireNonNull(json, "json");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/email/send-verification", this::sendCode);
        routes.post("/v1/email/resend", this::sendCode);
        routes.post("/v1/email/verify", this::verify);
        routes.get("/v1/email/status", this::status);
    }

    private void sendCode(Context ctx) {
        Principal principal = auth.require(ctx);
        json.write(ctx, 200, Responses.CodeIssued.of(
                emailAddresses.sendVerificationCode(principal.user(), scope.origin(ctx)).orElseThrow()));
    }

    private void verify(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.Verification in = json.read(ctx, Requests.Verification.class);
        json.write(ctx, 200,
                Responses.User.of(emailAddresses.verify(principal.user(), in.code(), scope.origin(ctx)).orElseThrow()));
    }

    private void status(Context ctx) {
        Principal principal = auth.require(ctx);
        json.write(ctx, 200, Responses.EmailVerification.of(emailAddresses.status(principal.user()).orElseThrow()));
    }
}
