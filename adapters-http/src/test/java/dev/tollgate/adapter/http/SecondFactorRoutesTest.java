package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.adapter.http.internal.ProblemBody;
import dev.tollgate.adapter.http.internal.Requests;
import dev.tollgate.adapter.http.internal.Responses;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings.Limit;
import dev.tollgate.port.settings.ThrottleSettings.Rule;
import dev.tollgate.tck.support.ReferenceTotp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/users/mfa} and the login's second step over HTTP, through the real core: enrolling
 * an authenticator app, whose codes the test computes itself from the answered secret (RFC 6238,
 * {@link Totp}), confirming it, logging in with a code (each once) or a recovery code (each once),
 * the lock after wrong codes, regenerating the recovery codes and turning the factor off.
 */
class SecondFactorRoutesTest {

    private static final Duration STEP = Duration.ofSeconds(30);

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE),
            UnaryOperator.identity(), UnaryOperator.identity());
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    /** A signed-in user with a confirmed factor: the session, the secret, the recovery codes. */
    private record Enrolled(String username, String session, String secret, List<String> recoveryCodes) {
    }

    private Enrolled enrolled(String username) {
        return enrolled(server, username);
    }

    private static Enrolled enrolled(ServerFixture on, String username) {
        String session = on.signedIn(username);
        Reply enrolment = on.client.post("/v1/users/mfa/totp").bearer(session).json(json("password", PASSWORD)).send();
        assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(200);
        String secret = enrolment.json().path("secret").asText();
        Reply confirmed = on.client.post("/v1/users/mfa/totp/confirm").bearer(session)
                .json(json("code", ReferenceTotp.code(secret, on.clock.instant()))).send();
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        confirmed.json().path("recovery_codes").forEach(code -> codes.add(code.asText()));
        return new Enrolled(username, session, secret, codes);
    }

    /** The first step of a login of a user with a factor: its challenge. */
    private String challenge(String username) {
        Reply first = client.post("/v1/users/login").json(json("login", username, "password", PASSWORD)).send();
        assertProblem(first, 401, "MFA_REQUIRED");
        return first.json().path("challenge").asText();
    }

    /** The next time step, whose code no login has used yet. */
    private String nextCode(Enrolled user) {
        server.clock.advance(STEP);
        return ReferenceTotp.code(user.secret(), server.clock.instant());
    }

    @Test
    void theTestsOwnTotp_matchesTheRfc6238Vectors() {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        assertThat(ReferenceTotp.code(key, 59 / 30)).isEqualTo("287082");
        assertThat(ReferenceTotp.code(key, 1_111_111_109L / 30)).isEqualTo("081804");
        assertThat(ReferenceTotp.code(key, 1_234_567_890L / 30)).isEqualTo("005924");
        assertThat(ReferenceTotp.decodeBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")).isEqualTo(key);
    }

    @Test
    void enrolment_answersTheSecretItsUriAndQrCode_andGuardsNothingUntilConfirmed() {
        String session = server.signedIn("ada");
        JsonNode before = client.get("/v1/users/mfa").bearer(session).send().json();
        assertThat(before.path("enabled").asBoolean()).isFalse();
        assertThat(before.path("pending").asBoolean()).isFalse();
        assertThat(before.path("recovery_codes_left").asInt()).isZero();
        assertThat(before.path("required").asBoolean()).isFalse();
        assertThat(before.has("enabled_at")).isFalse();

        assertProblem(client.post("/v1/users/mfa/totp").bearer(session).json(json("password", "wrong")).send(), 401,
                "INVALID_CREDENTIALS");
        Reply enrolment = client.post("/v1/users/mfa/totp").bearer(session).json(json("password", PASSWORD)).send();
        assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(200);
        String secret = enrolment.json().path("secret").asText();
        assertThat(secret).matches("[A-Z2-7]{16,}");
        assertThat(enrolment.json().path("otpauth_uri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret);
        assertThat(enrolment.json().path("qr_svg").asText()).contains("<svg");
        assertThat(client.get("/v1/users/mfa").bearer(session).send().json().path("pending").asBoolean()).isTrue();
        assertThat(client.post("/v1/users/login").json(json("login", "ada", "password", PASSWORD)).send().status())
                .as("a pending factor guards nothing").isEqualTo(200);

        assertProblem(client.post("/v1/users/mfa/totp/confirm").bearer(session).json(json("code", "000000")).send(), 422,
                "OTP_INVALID");
        Reply confirmed = client.post("/v1/users/mfa/totp/confirm").bearer(session)
                .json(json("code", ReferenceTotp.code(secret, server.clock.instant()))).send();
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().path("recovery_codes")).hasSize(10);

        JsonNode after = client.get("/v1/users/mfa").bearer(session).send().json();
        assertThat(after.path("enabled").asBoolean()).isTrue();
        assertThat(after.path("pending").asBoolean()).isFalse();
        assertThat(after.path("enabled_at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(after.path("recovery_codes_left").asInt()).isEqualTo(10);
        assertProblem(client.post("/v1/users/mfa/totp").bearer(session).json(json("password", PASSWORD)).send(), 409,
                "MFA_ALREADY_ENABLED");
    }

    @Test
    void login_needsACodeOfTheApp_eachCodeOnce_andARecoveryCodeOnce() {
        Enrolled bob = enrolled("bob");
        assertThat(client.post("/v1/users/logout").bearer(bob.session()).send().status()).isEqualTo(204);

        Reply first = client.post("/v1/users/login").json(json("login", "bob", "password", PASSWORD)).send();
        assertProblem(first, 401, "MFA_REQUIRED");
        String challenge = first.json().path("challenge").asText();
        assertThat(challenge).isNotBlank();
        assertThat(Instant.parse(first.json().path("challenge_expires_at").asText())).isAfter(server.clock.instant());
        assertThat(first.json().has("session_token")).isFalse();

        Reply wrong = client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "000000")).send();
        assertProblem(wrong, 401, "MFA_CODE_INVALID");
        assertThat(wrong.json().path("attempts_left").asInt()).isEqualTo(4);

        // the step that confirmed the factor is spent: a code of the app is taken once
        Reply replayOfConfirmation = client.post("/v1/users/login/mfa").json(json("challenge", challenge,
                "code", ReferenceTotp.code(bob.secret(), server.clock.instant()))).send();
        assertProblem(replayOfConfirmation, 401, "MFA_CODE_INVALID");

        String code = nextCode(bob);
        Reply second = client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", code)).send();
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(second.json().path("user").path("username").asText()).isEqualTo("bob");
        assertThat(second.json().has("recovery_codes")).isFalse();
        String session = second.json().path("session_token").asText();
        assertThat(client.get("/v1/users/profile").bearer(session).send().status()).isEqualTo(200);
        assertProblem(client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", code)).send(), 401,
                "INVALID_TOKEN");

        Reply replay = client.post("/v1/users/login/mfa").json(json("challenge", challenge("bob"), "code", code)).send();
        assertProblem(replay, 401, "MFA_CODE_INVALID");

        String recovery = bob.recoveryCodes().get(0);
        Reply byRecovery = client.post("/v1/users/login/mfa").json(json("challenge", challenge("bob"),
                "recovery_code", recovery)).send();
        assertThat(byRecovery.status()).as(byRecovery.body()).isEqualTo(200);
        assertProblem(client.post("/v1/users/login/mfa").json(json("challenge", challenge("bob"),
                "recovery_code", recovery)).send(), 401, "MFA_CODE_INVALID");
        assertThat(client.get("/v1/users/mfa").bearer(session).send().json().path("recovery_codes_left").asInt())
                .isEqualTo(9);
    }

    @Test
    void theSecondStep_takesExactlyOneOfCodeAndRecoveryCode_andAKnownChallenge() {
        Enrolled cyd = enrolled("cyd");
        String challenge = challenge("cyd");

        Reply neither = client.post("/v1/users/login/mfa").json(json("challenge", challenge)).send();
        assertProblem(neither, 422, "VALIDATION_FAILED");
        assertThat(neither.json().at("/errors/0/field").asText()).isEqualTo("code");
        Reply both = client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", nextCode(cyd),
                "recovery_code", cyd.recoveryCodes().get(0))).send();
        assertProblem(both, 422, "VALIDATION_FAILED");
        assertThat(both.json().at("/errors/0/field").asText()).isEqualTo("recovery_code");
        Reply noChallenge = client.post("/v1/users/login/mfa").json(json("code", "123456")).breakingDocument().send();
        assertProblem(noChallenge, 422, "VALIDATION_FAILED");
        assertThat(noChallenge.json().at("/errors/0/field").asText()).isEqualTo("challenge");
        assertProblem(client.post("/v1/users/login/mfa").json(json("challenge", "no-such-challenge", "code", "123456"))
                .send(), 401, "INVALID_TOKEN");

        assertThat(client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code",
                ReferenceTotp.code(cyd.secret(), server.clock.instant()))).send().status()).as("the challenge survived").isEqualTo(200);
    }

    @Test
    void wrongCodes_lockTheSecondStep_withLockedUntilAndRetryAfter() {
        enrolled("dee");
        String challenge = challenge("dee");
        Reply last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            last = client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "000000")).send();
            if (attempt < 5) {
                assertProblem(last, 401, "MFA_CODE_INVALID");
                assertThat(last.json().path("attempts_left").asInt()).isEqualTo(5 - attempt);
            }
        }
        Reply locked = last.status() == 423 ? last
                : client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "000000")).send();
        assertProblem(locked, 423, "MFA_LOCKED");
        assertThat(locked.json().path("locked_until").asText()).isEqualTo("2026-01-05T09:15:00Z");
        assertThat(locked.header("Retry-After")).isEqualTo("900");
        assertThat(locked.json().path("retry_after").asLong()).isEqualTo(900);
    }

    @Test
    void recoveryCodes_areRegeneratedForACode_andTheFactorIsTurnedOff_withPasswordAndCode() {
        Enrolled eve = enrolled("eve");
        assertProblem(client.post("/v1/users/mfa/recovery-codes").bearer(eve.session()).json(json("code", "000000"))
                .send(), 422, "OTP_INVALID");
        Reply regenerated = client.post("/v1/users/mfa/recovery-codes").bearer(eve.session())
                .json(json("code", nextCode(eve))).send();
        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
        assertThat(regenerated.json().path("recovery_codes")).hasSize(10);
        List<String> fresh = new ArrayList<>();
        regenerated.json().path("recovery_codes").forEach(code -> fresh.add(code.asText()));
        assertThat(fresh).doesNotContainAnyElementsOf(eve.recoveryCodes());
        assertProblem(client.post("/v1/users/login/mfa").json(json("challenge", challenge("eve"),
                "recovery_code", eve.recoveryCodes().get(0))).send(), 401, "MFA_CODE_INVALID");

        assertProblem(client.method("DELETE", "/v1/users/mfa/totp").bearer(eve.session())
                .json(json("password", "wrong", "code", nextCode(eve))).send(), 401, "INVALID_CREDENTIALS");
        Reply off = client.method("DELETE", "/v1/users/mfa/totp").bearer(eve.session())
                .json(json("password", PASSWORD, "code", nextCode(eve))).send();
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
        assertThat(off.json().path("recovery_codes_left").asInt()).isZero();
        assertThat(client.post("/v1/users/login").json(json("login", "eve", "password", PASSWORD)).send().status())
                .isEqualTo(200);
        assertProblem(client.method("DELETE", "/v1/users/mfa/totp").bearer(eve.session())
                .json(json("password", PASSWORD, "code", "123456")).send(), 409, "MFA_NOT_ENABLED");
        assertProblem(client.post("/v1/users/mfa/totp/confirm").bearer(eve.session()).json(json("code", "123456"))
                .send(), 409, "MFA_NOT_ENABLED");
    }

    @Test
    void theCodeEntryThrottle_answers429_onEveryRouteThatTakesACodeOfTheSecondFactor() {
        ThrottleSettings twoCodes = ThrottleSettings.NONE.with(Action.CODE_ENTRY,
                new Rule(null, Limit.of(2, Duration.ofMinutes(10))));
        try (ServerFixture throttled = new ServerFixture(core -> core.withThrottles(twoCodes), UnaryOperator.identity(),
                UnaryOperator.identity())) {
            ApiClient api = throttled.client;
            String pending = throttled.signedIn("jon");
            assertThat(api.post("/v1/users/mfa/totp").bearer(pending).json(json("password", PASSWORD)).send().status())
                    .isEqualTo(200);
            Enrolled kay = enrolled(throttled, "kay");
            Enrolled lou = enrolled(throttled, "lou");
            Enrolled max = enrolled(throttled, "max");
            throttled.clock.advance(Duration.ofMinutes(11)); // past the window the confirmations counted in
            String challenge = api.post("/v1/users/login").json(json("login", "max", "password", PASSWORD)).send().json()
                    .path("challenge").asText();

            List<ApiClient.Call> wrongCodes = List.of(
                    api.post("/v1/users/mfa/totp/confirm").bearer(pending).json(json("code", "000000")),
                    api.post("/v1/users/mfa/totp/confirm").bearer(pending).json(json("code", "000000")),
                    api.post("/v1/users/mfa/recovery-codes").bearer(kay.session()).json(json("code", "000000")),
                    api.post("/v1/users/mfa/recovery-codes").bearer(kay.session()).json(json("code", "000000")),
                    api.delete("/v1/users/mfa/totp").bearer(lou.session()).json(json("password", PASSWORD, "code", "000000")),
                    api.delete("/v1/users/mfa/totp").bearer(lou.session()).json(json("password", PASSWORD, "code", "000000")),
                    api.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "000000")),
                    api.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "000000")));
            wrongCodes.forEach(call -> assertThat(call.send().status()).isIn(401, 422));

            List<Reply> throttledReplies = List.of(
                    api.post("/v1/users/mfa/totp/confirm").bearer(pending).json(json("code", "000000")).send(),
                    api.post("/v1/users/mfa/recovery-codes").bearer(kay.session()).json(json("code", "000000")).send(),
                    api.delete("/v1/users/mfa/totp").bearer(lou.session()).json(json("password", PASSWORD, "code", "000000"))
                            .send(),
                    api.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", "000000")).send());
            for (Reply reply : throttledReplies) {
                assertProblem(reply, 429, "RATE_LIMITED");
                assertThat(reply.header("Retry-After")).isNotBlank();
            }
        }
    }

    @Test
    void aPasswordLock_refusesEnrollingAndTurningTheFactorOff_423AccountLocked() {
        Enrolled ned = enrolled("ned");
        Reply last = null;
        for (int attempt = 1; attempt <= 5 && (last == null || last.status() == 401); attempt++) {
            last = client.delete("/v1/users/mfa/totp").bearer(ned.session())
                    .json(json("password", "wrong-Password-1", "code", "000000")).send();
        }
        assertProblem(client.delete("/v1/users/mfa/totp").bearer(ned.session())
                .json(json("password", PASSWORD, "code", nextCode(ned))).send(), 423, "ACCOUNT_LOCKED");
        Reply enrol = client.post("/v1/users/mfa/totp").bearer(ned.session()).json(json("password", PASSWORD)).send();
        assertProblem(enrol, 423, "ACCOUNT_LOCKED");
        assertThat(enrol.json().path("locked_until").asText()).isNotBlank();
        assertThat(enrol.header("Retry-After")).isNotBlank();
        assertThat(client.get("/v1/users/mfa").bearer(ned.session()).send().json().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void confirmingAConfirmedFactor_andRegeneratingWithoutOne_areConflicts() {
        Enrolled oda = enrolled("oda");
        assertProblem(client.post("/v1/users/mfa/totp/confirm").bearer(oda.session()).json(json("code", nextCode(oda)))
                .send(), 409, "MFA_ALREADY_ENABLED");
        String session = server.signedIn("pia");
        assertProblem(client.post("/v1/users/mfa/recovery-codes").bearer(session).json(json("code", "123456")).send(),
                409, "MFA_NOT_ENABLED");
    }

    @Test
    void aDisabledTenant_refusesTheSecondFactorAndDeviceRoutes_403TenantDisabled() {
        TenantId other = server.tenant("other");
        server.member(other, "quin");
        String session = server.login(other, "quin");
        assertThat(client.get("/v1/users/mfa").bearer(session).header("Tollgate-Tenant", "other").send().status())
                .isEqualTo(200);
        server.core.tenants().disable(Actor.system(), other, "closed", RequestContext.NONE).orElseThrow();

        assertProblem(client.get("/v1/users/mfa").bearer(session).header("Tollgate-Tenant", "other").send(), 403,
                "TENANT_DISABLED");
        assertProblem(client.get("/v1/users/devices").bearer(session).header("Tollgate-Tenant", "other").send(), 403,
                "TENANT_DISABLED");
        assertProblem(client.post("/v1/users/mfa/totp").bearer(session).header("Tollgate-Tenant", "other")
                .json(json("password", PASSWORD)).send(), 403, "TENANT_DISABLED");
    }

    @Test
    void staffResettingTheFactor_removesIt_andEndsTheSessions_andAUserWithoutOne_isAConflict() {
        Enrolled ivo = enrolled("ivo");
        String support = server.staff(TenantId.DEFAULT, "helper", "support_advanced");
        String id = client.get("/v1/users/profile").bearer(ivo.session()).send().json().path("id").asText();

        Reply reset = client.post("/v1/admin/users/" + id + "/mfa/reset").bearer(support)
                .json(json("reason", "lost their phone")).send();
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().path("enabled").asBoolean()).isFalse();
        assertThat(reset.json().path("recovery_codes_left").asInt()).isZero();
        assertProblem(client.get("/v1/users/profile").bearer(ivo.session()).send(), 401, "INVALID_TOKEN");
        assertThat(client.post("/v1/users/login").json(json("login", "ivo", "password", PASSWORD)).send().status())
                .isEqualTo(200);

        assertProblem(client.post("/v1/admin/users/" + id + "/mfa/reset").bearer(support).send(), 409,
                "MFA_NOT_ENABLED");
        assertProblem(client.post("/v1/admin/users/not-a-uuid/mfa/reset").bearer(support).send(), 404,
                "USER_NOT_FOUND");
    }

    @Test
    void theMfaRoutes_needASession() {
        Reply none = client.get("/v1/users/mfa").breakingDocument().send();
        assertProblem(none, 401, "UNAUTHENTICATED");
        Reply registered = client.post("/v1/users/register").json(json("username", "fay", "email", "fay@example.com",
                "password", PASSWORD)).send();
        String apiKey = registered.json().at("/api_key/key").asText();
        assertProblem(client.get("/v1/users/mfa").bearer(apiKey).send(), 401, "INVALID_TOKEN");
        assertProblem(client.post("/v1/users/mfa/totp").bearer(apiKey).json(json("password", PASSWORD)).send(), 401,
                "INVALID_TOKEN");
    }

    @Test
    void withoutASealingKey_secondFactorsAreUnavailable() {
        try (ServerFixture unsealed = ServerFixture.withoutSealingKey()) {
            String session = unsealed.signedIn("gil");
            assertProblem(unsealed.client.post("/v1/users/mfa/totp").bearer(session).json(json("password", PASSWORD))
                    .send(), 501, "MFA_UNAVAILABLE");
        }
    }

    @Test
    void noSecretOfTheSecondFactor_reachesTheLogs_orTheRecordsStrings() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        List<String> secrets = new ArrayList<>(List.of(PASSWORD));
        try {
            Enrolled hal = enrolled("hal");
            secrets.add(hal.secret());
            secrets.addAll(hal.recoveryCodes());
            String challenge = challenge("hal");
            secrets.add(challenge);
            String code = nextCode(hal);
            Reply tokens = client.post("/v1/users/login/mfa").json(json("challenge", challenge, "code", code)).send();
            secrets.add(tokens.json().path("session_token").asText());
            secrets.add(tokens.json().path("device_id").asText());
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getMDCPropertyMap())
                .doesNotContain(secrets.toArray(String[]::new)));

        assertThat(new Requests.MfaLogin("chal-secret", "123456", null, "device-secret").toString())
                .doesNotContain("chal-secret", "123456", "device-secret");
        assertThat(new Requests.ExpiredPasswordChange("change-secret", PASSWORD, null).toString())
                .doesNotContain("change-secret", PASSWORD);
        assertThat(new Requests.MfaDisable(PASSWORD, "123456").toString()).doesNotContain(PASSWORD, "123456");
        assertThat(new Requests.TotpCode("123456").toString()).doesNotContain("123456");
        assertThat(new Requests.LoginChallenge("chal-secret").toString()).doesNotContain("chal-secret");
        assertThat(new Requests.Login("hal", PASSWORD, "device-secret").toString()).doesNotContain(PASSWORD, "device-secret");
        assertThat(new Responses.Enrolment("JBSWY3DPEHPK3PXP", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", "<svg/>")
                .toString()).doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(new Responses.RecoveryCodeList(List.of("rc-secret")).toString()).doesNotContain("rc-secret");
        assertThat(new ProblemBody("t", "t", 401, "d", "MFA_REQUIRED", "r", null, null, null, null, null, "chal-secret",
                null, "change-secret", null).toString()).doesNotContain("chal-secret", "change-secret");
    }
}
