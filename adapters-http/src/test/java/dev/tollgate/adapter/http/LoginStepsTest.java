package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.MfaSettings;
import dev.tollgate.port.settings.PasswordAgeSettings;
import dev.tollgate.port.settings.SecuritySettings;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.tck.support.ReferenceTotp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a login may need beyond the password, over HTTP: enrolling a second factor the settings
 * require, replacing an expired password, and the device the client keeps between logins (the
 * {@code tollgate_device} cookie, the {@code X-Tollgate-Device} header or {@code device_id}).
 */
class LoginStepsTest {

    private static final String NEW_PASSWORD = "another-Secret-42-words";
    private static final String COOKIE_ATTRIBUTES = "; Path=/v1/users; Max-Age=63072000; HttpOnly; SameSite=Strict";

    private static ServerFixture server(UnaryOperator<SecuritySettings> security, UnaryOperator<HttpSettings> http) {
        UnaryOperator<TollgateSettings> core = settings -> settings.withThrottles(ThrottleSettings.NONE)
                .withSecurity(security.apply(SecuritySettings.DEFAULTS));
        return new ServerFixture(core, http, UnaryOperator.identity());
    }

    private static ServerFixture server() {
        return server(UnaryOperator.identity(), UnaryOperator.identity());
    }

    private static Reply login(ServerFixture on, String username, String password) {
        return on.client.post("/v1/users/login").json(json("login", username, "password", password)).send();
    }

    private static void register(ServerFixture on, String username) {
        Reply registered = on.client.post("/v1/users/register").json(json("username", username,
                "email", username + "@example.com", "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    @Test
    void aLoginThatMustEnrol_getsAChallenge_enrolsWithIt_andItsFirstCodeOpensTheSession_withRecoveryCodes() {
        try (ServerFixture on = server(security -> security.withMfa(
                MfaSettings.DEFAULTS.withRequiredTenants(Set.of(TenantId.DEFAULT))), UnaryOperator.identity())) {
            register(on, "ana");
            Reply first = login(on, "ana", PASSWORD);
            assertProblem(first, 401, "MFA_ENROLMENT_REQUIRED");
            String challenge = first.json().path("challenge").asText();
            assertThat(Instant.parse(first.json().path("challenge_expires_at").asText())).isAfter(on.clock.instant());

            assertProblem(on.client.post("/v1/users/login/mfa/totp").json(json("challenge", "not-a-challenge")).send(),
                    401, "INVALID_TOKEN");
            Reply enrolment = on.client.post("/v1/users/login/mfa/totp").json(json("challenge", challenge)).send();
            assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(200);
            String secret = enrolment.json().path("secret").asText();
            assertThat(enrolment.json().path("qr_svg").asText()).contains("<svg");

            Reply opened = on.client.post("/v1/users/login/mfa").json(json("challenge", challenge,
                    "code", ReferenceTotp.code(secret, on.clock.instant()))).send();
            assertThat(opened.status()).as(opened.body()).isEqualTo(200);
            assertThat(opened.json().path("recovery_codes")).hasSize(10);
            assertThat(opened.json().path("device_id").asText()).isNotBlank();
            String session = opened.json().path("session_token").asText();
            JsonNode status = on.client.get("/v1/users/mfa").bearer(session).send().json();
            assertThat(status.path("enabled").asBoolean()).isTrue();
            assertThat(status.path("required").asBoolean()).isTrue();

            assertProblem(login(on, "ana", PASSWORD), 401, "MFA_REQUIRED");
        }
    }

    @Test
    void anExpiredPassword_getsAChangeToken_whichSetsANewOne_notARecentOne_andOpensTheSession() {
        try (ServerFixture on = server(security -> security.withPasswords(
                PasswordAgeSettings.DEFAULTS.withHistory(3).withMaxAge(Duration.ofDays(90))), UnaryOperator.identity())) {
            String session = on.signedIn("ben");
            assertProblem(on.client.put("/v1/users/password").bearer(session).json(json("current_password", PASSWORD,
                    "new_password", PASSWORD)).send(), 422, "PASSWORD_REUSED");
            on.clock.advance(Duration.ofDays(91));

            Reply first = login(on, "ben", PASSWORD);
            assertProblem(first, 401, "PASSWORD_EXPIRED");
            String token = first.json().path("change_token").asText();
            assertThat(token).isNotBlank();
            assertThat(Instant.parse(first.json().path("change_token_expires_at").asText())).isAfter(on.clock.instant());
            assertThat(first.json().has("challenge")).isFalse();

            assertProblem(on.client.post("/v1/users/password/expired").json(json("change_token", token,
                    "new_password", PASSWORD)).send(), 422, "PASSWORD_REUSED");
            assertProblem(on.client.post("/v1/users/password/expired").json(json("change_token", token,
                    "new_password", "short")).send(), 422, "PASSWORD_REJECTED");
            Reply changed = on.client.post("/v1/users/password/expired").json(json("change_token", token,
                    "new_password", NEW_PASSWORD)).send();
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.json().path("device_id").asText()).isNotBlank();
            assertThat(changed.header("Set-Cookie")).startsWith("tollgate_device=");
            assertThat(on.client.get("/v1/users/profile").bearer(changed.json().path("session_token").asText()).send()
                    .status()).isEqualTo(200);

            assertProblem(on.client.post("/v1/users/password/expired").json(json("change_token", token,
                    "new_password", "a-third-Secret-77-words")).send(), 401, "INVALID_TOKEN");
            assertThat(login(on, "ben", NEW_PASSWORD).status()).isEqualTo(200);
            Reply missing = on.client.post("/v1/users/password/expired").json(json("change_token", token))
                    .breakingDocument().send();
            assertProblem(missing, 422, "VALIDATION_FAILED");
            assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("new_password");
        }
    }

    @Test
    void theEnrolmentPath_withoutAnEnrolment_isAConflict_andAnAccountSuspendedSinceThePasswordStep_isForbidden() {
        try (ServerFixture on = server(security -> security.withMfa(
                MfaSettings.DEFAULTS.withRequiredTenants(Set.of(TenantId.DEFAULT))), UnaryOperator.identity())) {
            UserRef amy = on.member(TenantId.DEFAULT, "amy");
            Reply first = login(on, "amy", PASSWORD);
            assertProblem(first, 401, "MFA_ENROLMENT_REQUIRED");
            String challenge = first.json().path("challenge").asText();

            assertProblem(on.client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "123456")).send(),
                    409, "MFA_NOT_ENABLED");

            on.core.administration().suspend(Actor.system(), amy, "under review", RequestContext.NONE).orElseThrow();
            assertProblem(on.client.post("/v1/users/login/mfa/totp").json(json("challenge", challenge)).send(), 403,
                    "ACCOUNT_INACTIVE");
            assertProblem(on.client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "123456")).send(),
                    403, "ACCOUNT_INACTIVE");
        }
    }

    @Test
    void anAccountLockedSinceThePasswordStep_opensNoSession_atTheSecondStepOrWithANewPassword_423() {
        try (ServerFixture on = server(security -> security.withPasswords(
                PasswordAgeSettings.DEFAULTS.withMaxAge(Duration.ofDays(90))), UnaryOperator.identity())) {
            String session = on.signedIn("bea");
            Reply enrolment = on.client.post("/v1/users/mfa/totp").bearer(session).json(json("password", PASSWORD)).send();
            String secret = enrolment.json().path("secret").asText();
            assertThat(on.client.post("/v1/users/mfa/totp/confirm").bearer(session)
                    .json(json("code", ReferenceTotp.code(secret, on.clock.instant()))).send().status()).isEqualTo(200);
            on.clock.advance(Duration.ofSeconds(30));
            Reply first = login(on, "bea", PASSWORD);
            assertProblem(first, 401, "MFA_REQUIRED");
            lockOut(on, "bea");
            Reply second = on.client.post("/v1/users/login/mfa").json(json("challenge", first.json().path("challenge")
                    .asText(), "code", ReferenceTotp.code(secret, on.clock.instant()))).send();
            assertProblem(second, 423, "ACCOUNT_LOCKED");
            assertThat(second.header("Retry-After")).isNotBlank();

            on.signedIn("cyd");
            on.clock.advance(Duration.ofDays(91));
            Reply expired = login(on, "cyd", PASSWORD);
            assertProblem(expired, 401, "PASSWORD_EXPIRED");
            lockOut(on, "cyd");
            Reply changed = on.client.post("/v1/users/password/expired").json(json("change_token",
                    expired.json().path("change_token").asText(), "new_password", NEW_PASSWORD)).send();
            assertProblem(changed, 423, "ACCOUNT_LOCKED");
            assertThat(changed.json().path("locked_until").asText()).isNotBlank();
        }
    }

    @Test
    void anAccountSuspendedSinceItsPasswordExpired_mayNotSetANewOne_403() {
        try (ServerFixture on = server(security -> security.withPasswords(
                PasswordAgeSettings.DEFAULTS.withMaxAge(Duration.ofDays(90))), UnaryOperator.identity())) {
            UserRef dov = on.member(TenantId.DEFAULT, "dov");
            on.clock.advance(Duration.ofDays(91));
            Reply expired = login(on, "dov", PASSWORD);
            assertProblem(expired, 401, "PASSWORD_EXPIRED");
            on.core.administration().suspend(Actor.system(), dov, "under review", RequestContext.NONE).orElseThrow();
            assertProblem(on.client.post("/v1/users/password/expired").json(json("change_token",
                    expired.json().path("change_token").asText(), "new_password", NEW_PASSWORD)).send(), 403,
                    "ACCOUNT_INACTIVE");
        }
    }

    /** Wrong passwords until the account locks (5 by default). */
    private static void lockOut(ServerFixture on, String username) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(login(on, username, "wrong-Password-1").status()).isIn(401, 423);
        }
        assertProblem(login(on, username, "wrong-Password-1"), 423, "ACCOUNT_LOCKED");
    }

    @Test
    void theDeviceIdentifier_isAnsweredAndSetAsACookie_andTheCookieBringsItBack() {
        try (ServerFixture on = server()) {
            on.signedIn("cal");
            Reply first = login(on, "cal", PASSWORD);
            String device = first.json().path("device_id").asText();
            assertThat(device).isNotBlank();
            assertThat(first.header("Set-Cookie")).isEqualTo("tollgate_device=" + device + COOKIE_ATTRIBUTES);

            Reply again = on.client.post("/v1/users/login").header("Cookie", "tollgate_device=" + device)
                    .json(json("login", "cal", "password", PASSWORD)).send();
            assertThat(again.json().path("device_id").asText()).isEqualTo(device);
            assertThat(again.header("Set-Cookie")).isEqualTo("tollgate_device=" + device + COOKIE_ATTRIBUTES);

            Reply byHeader = on.client.post("/v1/users/login").header("X-Tollgate-Device", device)
                    .json(json("login", "cal", "password", PASSWORD)).send();
            assertThat(byHeader.json().path("device_id").asText()).isEqualTo(device);

            String session = again.json().path("session_token").asText();
            Reply refreshed = on.client.post("/v1/users/refresh")
                    .json(json("refresh_token", again.json().path("refresh_token").asText())).send();
            assertThat(refreshed.status()).isEqualTo(200);
            assertThat(refreshed.json().has("device_id")).as("a refresh answers no device").isFalse();
            assertThat(refreshed.header("Set-Cookie")).isNull();

            Reply devices = on.client.get("/v1/users/devices").bearer(byHeader.json().path("session_token").asText())
                    .send();
            assertThat(devices.status()).as(devices.body()).isEqualTo(200);
            List<JsonNode> listed = new ArrayList<>();
            devices.json().path("devices").forEach(listed::add);
            // signedIn's login had a device of its own; the three logins after it share one
            assertThat(listed).hasSize(2);
            String label = listed.get(0).path("label").asText();
            assertThat(label).isNotBlank().isNotEqualTo(device);
            assertThat(listed.get(0).path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(listed.get(0).has("first_seen_at")).isTrue();
            assertThat(listed.get(0).has("last_seen_at")).isTrue();

            JsonNode sessions = on.client.get("/v1/users/sessions").bearer(byHeader.json().path("session_token").asText())
                    .send().json().path("sessions");
            assertThat(sessions.findValuesAsText("device")).contains(label).doesNotContain(device);
            assertThat(session).isNotBlank();
        }
    }

    @Test
    void theBodysDeviceId_winsOverTheHeader_whichWinsOverTheCookie_andAnUnusableOneCountsAsNone() {
        try (ServerFixture on = server()) {
            on.signedIn("dot");
            String a = login(on, "dot", PASSWORD).json().path("device_id").asText();
            String b = login(on, "dot", PASSWORD).json().path("device_id").asText();
            assertThat(a).isNotEqualTo(b);

            Reply bodyWins = on.client.post("/v1/users/login").header("X-Tollgate-Device", b)
                    .header("Cookie", "tollgate_device=" + b)
                    .json(json("login", "dot", "password", PASSWORD, "device_id", a)).send();
            assertThat(bodyWins.json().path("device_id").asText()).isEqualTo(a);
            Reply headerWins = on.client.post("/v1/users/login").header("X-Tollgate-Device", b)
                    .header("Cookie", "tollgate_device=" + a).json(json("login", "dot", "password", PASSWORD)).send();
            assertThat(headerWins.json().path("device_id").asText()).isEqualTo(b);

            Reply tooLong = on.client.post("/v1/users/login").header("X-Tollgate-Device", "d".repeat(129))
                    .json(json("login", "dot", "password", PASSWORD)).breakingDocument().send();
            assertThat(tooLong.status()).as("an unusable identifier is no error").isEqualTo(200);
            assertThat(tooLong.json().path("device_id").asText()).isNotIn(a, b, "d".repeat(129));
            Reply withSpace = on.client.post("/v1/users/login")
                    .json(json("login", "dot", "password", PASSWORD, "device_id", "not a device id at all"))
                    .breakingDocument().send();
            assertThat(withSpace.status()).isEqualTo(200);
            assertThat(withSpace.json().path("device_id").asText()).isNotIn(a, b, "not a device id at all");
            Reply fallsBack = on.client.post("/v1/users/login").header("X-Tollgate-Device", "x".repeat(200))
                    .header("Cookie", "tollgate_device=" + a).json(json("login", "dot", "password", PASSWORD))
                    .breakingDocument().send();
            assertThat(fallsBack.json().path("device_id").asText()).as("an unusable header leaves the cookie").isEqualTo(a);
        }
    }

    @Test
    void theCookieIsSecure_overHttps_asTheTrustedProxySaysIt() {
        try (ServerFixture proxied = server(UnaryOperator.identity(), http -> http.withTrustForwardedFor(true));
                ServerFixture direct = server()) {
            proxied.signedIn("eli");
            Reply secure = proxied.client.post("/v1/users/login").header("X-Forwarded-Proto", "https")
                    .json(json("login", "eli", "password", PASSWORD)).send();
            assertThat(secure.header("Set-Cookie")).endsWith(COOKIE_ATTRIBUTES + "; Secure");
            assertThat(login(proxied, "eli", PASSWORD).header("Set-Cookie")).doesNotContain("Secure");

            direct.signedIn("eli");
            Reply untrusted = direct.client.post("/v1/users/login").header("X-Forwarded-Proto", "https")
                    .json(json("login", "eli", "password", PASSWORD)).send();
            assertThat(untrusted.header("Set-Cookie")).doesNotContain("Secure");
        }
    }
}
