package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.account.Accounts;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.api.registration.RegisterUser;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.Sessions;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * The {@code /v1/users} routes. Each handler reads the body, calls one use case and writes
 * its result; refusals leave as {@link dev.tollgate.port.api.RefusedException} for the
 * {@link ProblemMapper}.
 */
public final class UserRoutes {

    private final RegisterUser registration;
    private final Sessions sessions;
    private final Profiles profiles;
    private final EmailAddresses emailAddresses;
    private final Passwords passwords;
    private final Accounts accounts;
    private final TenantId tenant;
    private final JsonBodies json;
    private final BearerAuthentication auth;
    private final RequestScope scope;
    private final boolean enumerationSafeRegistration;

    /** The routes over these use cases (the {@code /v1/email} ones are {@link EmailRoutes}'). */
    public UserRoutes(RegisterUser registration, Sessions sessions, Profiles profiles, EmailAddresses emailAddresses,
            Passwords passwords, Accounts accounts, TenantId tenant, JsonBodies json, BearerAuthentication auth,
            RequestScope scope, boolean enumerationSafeRegistration) {
        this.enumerationSafeRegistration = enumerationSafeRegistration;
        this.registration = Objects.requireNonNull(registration, "registration");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.emailAddresses = Objects.requireNonNull(emailAddresses, "emailAddresses");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.json = Objects.requireNonNull(json, "json");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/users/register", this::register);
        routes.post("/v1/users/login", this::login);
        routes.post("/v1/users/refresh", this::refresh);
        routes.post("/v1/users/logout", this::logout);
        routes.get("/v1/users/profile", this::viewProfile);
        routes.put("/v1/users/profile", this::updateProfile);
        routes.get("/v1/users/sessions", this::listSessions);
        routes.delete("/v1/users/sessions/{id}", this::revokeSession);
        routes.put("/v1/users/email", this::changeEmail);
        routes.put("/v1/users/password", this::changePassword);
        routes.post("/v1/users/password-reset/request", this::requestReset);
        routes.post("/v1/users/password-reset/confirm", this::confirmReset);
        routes.delete("/v1/users/account", this::deleteAccount);
    }

    private void register(Context ctx) {
        Requests.Register in = json.read(ctx, Requests.Register.class);
        Registration command = new Registration(tenant, in.username(), in.email(), in.password(), in.name(),
                Requests.accountType(in.accountType()), scope.origin(ctx));
        if (enumerationSafeRegistration) {
            json.write(ctx, 202, Responses.RegistrationAccepted.of(
                    registration.registerWithoutEnumeration(command).orElseThrow()));
            return;
        }
        json.write(ctx, 201, Responses.Registration.of(registration.register(command).orElseThrow()));
    }

    private void login(Context ctx) {
        Requests.Login in = json.read(ctx, Requests.Login.class);
        Login login = new Login(tenant, in.login(), in.password(), scope.origin(ctx));
        json.write(ctx, 200, Responses.Tokens.of(sessions.login(login).orElseThrow()));
    }

    private void refresh(Context ctx) {
        Requests.Refresh in = json.read(ctx, Requests.Refresh.class);
        json.write(ctx, 200,
                Responses.Tokens.of(sessions.refresh(tenant, in.refreshToken(), scope.origin(ctx)).orElseThrow()));
    }

    private void logout(Context ctx) {
        Principal principal = auth.require(ctx);
        if (QueryFlags.flag(ctx, "all")) {
            sessions.logoutEverywhere(principal.user(), scope.origin(ctx));
        } else {
            sessions.logout(principal, scope.origin(ctx));
        }
        ctx.status(204);
    }

    private void viewProfile(Context ctx) {
        Principal principal = auth.requireSessionOrApiKey(ctx);
        json.write(ctx, 200, Responses.User.of(profiles.view(principal.user()).orElseThrow()));
    }

    private void updateProfile(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.ProfileChange in = json.read(ctx, Requests.ProfileChange.class);
        ProfileUpdate update = new ProfileUpdate(in.name(), in.aboutMe(), in.hobbies(), Requests.accountType(in.accountType()));
        json.write(ctx, 200,
                Responses.User.of(profiles.update(principal.user(), update, scope.origin(ctx)).orElseThrow()));
    }

    private void listSessions(Context ctx) {
        Principal principal = auth.require(ctx);
        json.write(ctx, 200, Responses.Sessions.of(sessions.list(principal.user()), principal.session()));
    }

    private void revokeSession(Context ctx) {
        Principal principal = auth.require(ctx);
        SessionId session;
        try {
            session = SessionId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException malformed) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The session id is not a UUID.");
        }
        sessions.revoke(principal.user(), session, scope.origin(ctx)).orElseThrow();
        ctx.status(204);
    }

    private void changeEmail(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.EmailChange in = json.read(ctx, Requests.EmailChange.class);
        json.write(ctx, 200, Responses.CodeIssued.of(emailAddresses
                .change(principal.user(), in.newEmail(), in.password(), scope.origin(ctx)).orElseThrow()));
    }

    private void changePassword(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.PasswordChange in = json.read(ctx, Requests.PasswordChange.class);
        PasswordChange change = new PasswordChange(principal.user(), principal.session(), in.currentPassword(),
                in.newPassword(), scope.origin(ctx));
        json.write(ctx, 200, Responses.User.of(passwords.change(change).orElseThrow()));
    }

    private void requestReset(Context ctx) {
        Requests.ResetRequest in = json.read(ctx, Requests.ResetRequest.class);
        passwords.requestReset(tenant, in.email(), scope.origin(ctx)).orElseThrow();
        json.write(ctx, 202, Responses.ResetAccepted.ALWAYS);
    }

    private void confirmReset(Context ctx) {
        Requests.ResetConfirmation in = json.read(ctx, Requests.ResetConfirmation.class);
        passwords.confirmReset(tenant, in.email(), in.code(), in.newPassword(), scope.origin(ctx)).orElseThrow();
        ctx.status(204);
    }

    private void deleteAccount(Context ctx) {
        Principal principal = auth.require(ctx);
        Requests.AccountDeletion in = json.read(ctx, Requests.AccountDeletion.class);
        accounts.delete(principal.user(), in.password(), in.reason(), scope.origin(ctx)).orElseThrow();
        ctx.status(204);
    }
}
