package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.SessionId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.account.Accounts;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.api.registration.RegisterUser;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.ExpiredPasswordChange;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.api.session.Sessions;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * The {@code /v1/users} routes. Each handler authenticates, reads the body, calls one use case
 * and hands its {@link Outcome} to {@link Answers}: a refusal at any step is answered as such.
 * A login and its later steps (the second factor, an expired password) present the device the
 * client keeps and answer the one to keep ({@link Devices}).
 */
public final class UserRoutes {

    private final RegisterUser registration;
    private final Sessions sessions;
    private final Profiles profiles;
    private final EmailAddresses emailAddresses;
    private final Passwords passwords;
    private final Accounts accounts;
    private final Tenancy tenancy;
    private final JsonBodies json;
    private final Answers answers;
    private final BearerAuthentication auth;
    private final RequestScope scope;
    private final Devices devices;
    private final boolean enumerationSafeRegistration;

    /** The routes over these use cases (the {@code /v1/email} ones are {@link EmailRoutes}'). */
    public UserRoutes(RegisterUser registration, Sessions sessions, Profiles profiles, EmailAddresses emailAddresses,
            Passwords passwords, Accounts accounts, Tenancy tenancy, JsonBodies json, Answers answers,
            BearerAuthentication auth, RequestScope scope, Devices devices, boolean enumerationSafeRegistration) {
        this.enumerationSafeRegistration = enumerationSafeRegistration;
        this.registration = Objects.requireNonNull(registration, "registration");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.emailAddresses = Objects.requireNonNull(emailAddresses, "emailAddresses");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.devices = Objects.requireNonNull(devices, "devices");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/users/register", this::register);
        routes.post("/v1/users/login", this::login);
        routes.post("/v1/users/login/mfa", this::completeMfa);
        routes.post("/v1/users/login/mfa/totp", this::enrolAtLogin);
        routes.post("/v1/users/password/expired", this::changeExpiredPassword);
        routes.post("/v1/users/refresh", this::refresh);
        routes.post("/v1/users/logout", this::logout);
        routes.get("/v1/users/profile", this::viewProfile);
        routes.put("/v1/users/profile", this::updateProfile);
        routes.get("/v1/users/sessions", this::listSessions);
        routes.get("/v1/users/devices", this::listDevices);
        routes.delete("/v1/users/sessions/{id}", this::revokeSession);
        routes.put("/v1/users/email", this::changeEmail);
        routes.put("/v1/users/password", this::changePassword);
        routes.post("/v1/users/password-reset/request", this::requestReset);
        routes.post("/v1/users/password-reset/confirm", this::confirmReset);
        routes.delete("/v1/users/account", this::deleteAccount);
    }

    private void register(Context ctx) {
        Outcome<Registration> command = json.read(ctx, Requests.Register.class)
                .flatMap(in -> in.toRegistration(tenancy.of(ctx), scope.origin(ctx)));
        if (enumerationSafeRegistration) {
            answers.write(ctx, command.flatMap(registration::registerWithoutEnumeration), 202,
                    Responses.RegistrationAccepted::of);
        } else {
            answers.write(ctx, command.flatMap(registration::register), 201, Responses.Registration::of);
        }
    }

    private void login(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.Login.class)
                .flatMap(in -> sessions.login(new Login(tenancy.of(ctx), in.login(), in.password(), scope.origin(ctx),
                        devices.presented(ctx, in.deviceId())))),
                200, tokens -> tokens(ctx, tokens));
    }

    private void completeMfa(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.MfaLogin.class)
                .flatMap(in -> in.toLogin(tenancy.of(ctx), scope.origin(ctx), devices.presented(ctx, in.deviceId())))
                .flatMap(sessions::completeMfa), 200, tokens -> tokens(ctx, tokens));
    }

    private void enrolAtLogin(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.LoginChallenge.class)
                .flatMap(in -> sessions.enrolAtLogin(tenancy.of(ctx), in.challenge(), scope.origin(ctx))), 200,
                Responses.Enrolment::of);
    }

    private void changeExpiredPassword(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.ExpiredPasswordChange.class)
                .flatMap(in -> sessions.changeExpiredPassword(new ExpiredPasswordChange(tenancy.of(ctx), in.changeToken(),
                        in.newPassword(), scope.origin(ctx), devices.presented(ctx, in.deviceId())))),
                200, tokens -> tokens(ctx, tokens));
    }

    /** The tokens' body; the device to keep is also set as the cookie. */
    private Responses.Tokens tokens(Context ctx, SessionTokens tokens) {
        devices.keep(ctx, tokens.device());
        return Responses.Tokens.of(tokens);
    }

    private void refresh(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.Refresh.class)
                .flatMap(in -> sessions.refresh(tenancy.of(ctx), in.refreshToken(), scope.origin(ctx))), 200, Responses.Tokens::of);
    }

    private void logout(Context ctx) {
        answers.writeNoContent(ctx, auth.require(ctx).map(principal -> {
            if (QueryFlags.flag(ctx, "all")) {
                sessions.logoutEverywhere(principal.user(), scope.origin(ctx));
            } else {
                sessions.logout(principal, scope.origin(ctx));
            }
            return principal;
        }));
    }

    private void viewProfile(Context ctx) {
        answers.write(ctx, auth.requireSessionOrApiKey(ctx).flatMap(principal -> profiles.view(principal.user())), 200,
                Responses.User::of);
    }

    private void updateProfile(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.ProfileChange.class)
                .flatMap(Requests.ProfileChange::toUpdate)
                .flatMap(update -> profiles.update(principal.user(), update, scope.origin(ctx)))), 200, Responses.User::of);
    }

    private void listSessions(Context ctx) {
        answers.write(ctx, auth.require(ctx), 200,
                principal -> Responses.Sessions.of(sessions.list(principal.user()), principal.session()));
    }

    private void listDevices(Context ctx) {
        answers.write(ctx, auth.require(ctx), 200, principal -> Responses.Devices.of(sessions.devices(principal.user())));
    }

    private void revokeSession(Context ctx) {
        answers.writeNoContent(ctx, auth.require(ctx)
                .flatMap(principal -> sessions.revoke(principal.user(), sessionId(ctx), scope.origin(ctx))));
    }

    /** The path's session id; text that is no UUID is a malformed request. */
    private static SessionId sessionId(Context ctx) {
        try {
            return SessionId.parse(ctx.pathParam("id"));
        } catch (IllegalArgumentException malformed) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The session id is not a UUID.");
        }
    }

    private void changeEmail(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.EmailChange.class)
                .flatMap(in -> emailAddresses.change(principal.user(), in.newEmail(), in.password(), scope.origin(ctx)))),
                200, Responses.CodeIssued::of);
    }

    private void changePassword(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.PasswordChange.class)
                .flatMap(in -> passwords.change(new PasswordChange(principal.user(), principal.session(),
                        in.currentPassword(), in.newPassword(), scope.origin(ctx))))), 200, Responses.User::of);
    }

    private void requestReset(Context ctx) {
        answers.write(ctx, json.read(ctx, Requests.ResetRequest.class)
                .flatMap(in -> passwords.requestReset(tenancy.of(ctx), in.email(), scope.origin(ctx))), 202,
                requested -> Responses.ResetAccepted.ALWAYS);
    }

    private void confirmReset(Context ctx) {
        answers.writeNoContent(ctx, json.read(ctx, Requests.ResetConfirmation.class).flatMap(in ->
                passwords.confirmReset(tenancy.of(ctx), in.email(), in.code(), in.newPassword(), scope.origin(ctx))));
    }

    private void deleteAccount(Context ctx) {
        answers.writeNoContent(ctx, auth.require(ctx).flatMap(principal -> json.read(ctx, Requests.AccountDeletion.class)
                .flatMap(in -> accounts.delete(principal.user(), in.password(), in.reason(), scope.origin(ctx)))));
    }
}
