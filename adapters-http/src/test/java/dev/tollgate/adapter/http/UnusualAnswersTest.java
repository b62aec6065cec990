package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.adapter.http.internal.ProblemMapper;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.api.registration.RegisterUser;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Answers the real core gives only in rare states (a missing user, a saturated hasher, a lost
 * store, a bug), produced by replacing one use-case method, and the status of every code.
 */
class UnusualAnswersTest {

    @Test
    void everyErrorCode_hasTheAgreedStatus() {
        Map<ErrorCode, Integer> agreed = Map.ofEntries(
                Map.entry(ErrorCode.VALIDATION_FAILED, 422), Map.entry(ErrorCode.PASSWORD_REJECTED, 422),
                Map.entry(ErrorCode.USERNAME_TAKEN, 409), Map.entry(ErrorCode.EMAIL_TAKEN, 409),
                Map.entry(ErrorCode.INVALID_CREDENTIALS, 401), Map.entry(ErrorCode.ACCOUNT_LOCKED, 423),
                Map.entry(ErrorCode.ACCOUNT_INACTIVE, 403), Map.entry(ErrorCode.EMAIL_UNVERIFIED, 403),
                Map.entry(ErrorCode.EMAIL_ALREADY_VERIFIED, 409), Map.entry(ErrorCode.INVALID_TOKEN, 401),
                Map.entry(ErrorCode.REFRESH_TOKEN_REUSED, 401), Map.entry(ErrorCode.OTP_INVALID, 422),
                Map.entry(ErrorCode.OTP_EXPIRED, 410), Map.entry(ErrorCode.OTP_ATTEMPTS_EXHAUSTED, 410),
                Map.entry(ErrorCode.OTP_NOT_FOUND, 404), Map.entry(ErrorCode.RATE_LIMITED, 429),
                Map.entry(ErrorCode.USER_NOT_FOUND, 404), Map.entry(ErrorCode.SESSION_NOT_FOUND, 404),
                Map.entry(ErrorCode.ACCOUNT_STATE_CONFLICT, 409), Map.entry(ErrorCode.MAIL_UNDELIVERED, 502),
                Map.entry(ErrorCode.KEY_NOT_FOUND, 404), Map.entry(ErrorCode.KEY_NOT_RECOVERABLE, 409),
                Map.entry(ErrorCode.KEY_REVOKED, 401), Map.entry(ErrorCode.KEY_EXPIRED, 401),
                Map.entry(ErrorCode.USER_INACTIVE, 403), Map.entry(ErrorCode.ENTITLEMENT_MISSING, 403),
                Map.entry(ErrorCode.INSUFFICIENT_CREDITS, 402), Map.entry(ErrorCode.UNKNOWN_METER, 422),
                Map.entry(ErrorCode.SERVICE_BUSY, 503), Map.entry(ErrorCode.PERMISSION_DENIED, 403),
                Map.entry(ErrorCode.TENANT_NOT_FOUND, 404), Map.entry(ErrorCode.TENANT_DISABLED, 403),
                Map.entry(ErrorCode.TENANT_TAKEN, 409), Map.entry(ErrorCode.STAFF_NOT_FOUND, 404),
                Map.entry(ErrorCode.ALREADY_STAFF, 409), Map.entry(ErrorCode.LAST_SUPER_ADMIN, 409),
                Map.entry(ErrorCode.SERVICE_ACCOUNT_NOT_FOUND, 404), Map.entry(ErrorCode.SETUP_UNAVAILABLE, 409),
                Map.entry(ErrorCode.MFA_REQUIRED, 401), Map.entry(ErrorCode.MFA_ENROLMENT_REQUIRED, 401),
                Map.entry(ErrorCode.MFA_CODE_INVALID, 401), Map.entry(ErrorCode.MFA_LOCKED, 423),
                Map.entry(ErrorCode.MFA_ALREADY_ENABLED, 409), Map.entry(ErrorCode.MFA_NOT_ENABLED, 409),
                Map.entry(ErrorCode.MFA_UNAVAILABLE, 501), Map.entry(ErrorCode.PASSWORD_REUSED, 422),
                Map.entry(ErrorCode.PASSWORD_EXPIRED, 401), Map.entry(ErrorCode.KEY_IP_NOT_ALLOWED, 403),
                Map.entry(ErrorCode.IP_BLOCKED, 403), Map.entry(ErrorCode.IP_RULE_NOT_FOUND, 404));
        assertThat(agreed.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        agreed.forEach((code, status) -> assertThat(ProblemMapper.statusOf(code)).as(code.name()).isEqualTo(status));
    }

    @Test
    void login_withUnverifiedAddress_isForbidden_whenTheSettingsDemandVerification() {
        try (ServerFixture server = new ServerFixture(settings -> settings.withAllowUnverifiedLogin(false),
                UnaryOperator.identity(), UnaryOperator.identity())) {
            server.client.post("/v1/users/register").json(json("username", "pat", "email", "pat@example.com",
                    "password", PASSWORD)).send();
            assertProblem(server.client.post("/v1/users/login").json(json("login", "pat", "password", PASSWORD)).send(),
                    403, "EMAIL_UNVERIFIED");
        }
    }

    @Test
    void missingUser_andMissingCode_areNotFound() {
        try (ServerFixture server = new ServerFixture(UnaryOperator.identity(), UnaryOperator.identity(),
                useCases -> new UseCases(useCases.registration(), useCases.sessions(),
                        Overrides.replace(EmailAddresses.class, useCases.emailAddresses(), "verify",
                                args -> Outcome.refused(new Problem.CodeNotFound())),
                        Overrides.replace(Profiles.class, useCases.profiles(), "view",
                                args -> Outcome.refused(new Problem.UserNotFound())),
                        useCases.passwords(), useCases.accounts(), useCases.apiKeys(),
                        useCases.verification(), useCases.usage(), useCases.subscriptions(), useCases.staff(), useCases.firstRun(), useCases.serviceAccounts(), useCases.tenants(), useCases.administration(), useCases.statistics(), useCases.auditSearch(), useCases.secondFactors(), useCases.ipRules(), useCases.network()))) {
            String token = server.signedIn("quinn");
            assertProblem(server.client.get("/v1/users/profile").bearer(token).send(), 404, "USER_NOT_FOUND");
            assertProblem(server.client.post("/v1/email/verify").bearer(token).json(json("code", "123456")).send(), 404,
                    "OTP_NOT_FOUND");
        }
    }

    @Test
    void busyHashing_isUnavailable_withRetryAfter() {
        try (ServerFixture server = new ServerFixture(UnaryOperator.identity(), UnaryOperator.identity(),
                useCases -> new UseCases(Overrides.replace(RegisterUser.class, useCases.registration(), "register",
                        args -> Outcome.refused(new Problem.ServiceBusy(Duration.ofMillis(1500)))),
                        useCases.sessions(), useCases.emailAddresses(), useCases.profiles(), useCases.passwords(),
                        useCases.accounts(), useCases.apiKeys(), useCases.verification(),
                        useCases.usage(), useCases.subscriptions(), useCases.staff(), useCases.firstRun(), useCases.serviceAccounts(), useCases.tenants(), useCases.administration(), useCases.statistics(), useCases.auditSearch(), useCases.secondFactors(), useCases.ipRules(), useCases.network()))) {
            Reply busy = server.client.post("/v1/users/register").json(json("username", "ray", "email", "ray@example.com",
                    "password", PASSWORD)).send();
            assertProblem(busy, 503, "SERVICE_BUSY");
            assertThat(busy.header("Retry-After")).isEqualTo("2");
        }
    }

    @Test
    void lostStore_isUnavailable_andABug_isAGenericInternalError_loggedWithTheRequestIdButNoSecret() {
        Logger mapperLog = (Logger) LoggerFactory.getLogger(ProblemMapper.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        mapperLog.addAppender(logged);
        try (ServerFixture server = new ServerFixture(UnaryOperator.identity(), UnaryOperator.identity(),
                useCases -> new UseCases(useCases.registration(), useCases.sessions(), useCases.emailAddresses(),
                        Overrides.replace(Profiles.class, useCases.profiles(), "view", args -> {
                            throw new StoreUnavailableException("user store: find failed");
                        }),
                        Overrides.replace(Passwords.class, useCases.passwords(), "change", args -> {
                            throw new IllegalStateException("secret internal state at /srv/db");
                        }),
                        useCases.accounts(), useCases.apiKeys(), useCases.verification(),
                        useCases.usage(), useCases.subscriptions(), useCases.staff(), useCases.firstRun(), useCases.serviceAccounts(), useCases.tenants(), useCases.administration(), useCases.statistics(), useCases.auditSearch(), useCases.secondFactors(), useCases.ipRules(), useCases.network()))) {
            String token = server.signedIn("sam");
            Reply unavailable = server.client.get("/v1/users/profile").bearer(token).send();
            assertProblem(unavailable, 503, "STORE_UNAVAILABLE");
            assertThat(unavailable.header("Retry-After")).isNotNull();

            Reply bug = server.client.put("/v1/users/password").bearer(token).header("X-Request-Id", "bug-report-1")
                    .json(json("current_password", PASSWORD, "new_password", "another-Secret-42-words")).send();
            assertProblem(bug, 500, "INTERNAL_ERROR");
            assertThat(bug.body()).doesNotContain("secret internal state", "IllegalState", "/srv/db");
            assertThat(bug.json().path("detail").asText()).isEqualTo("An unexpected error occurred; it has been logged.");

            ILoggingEvent event = logged.list.stream().filter(e -> e.getLevel().toString().equals("ERROR")).findFirst()
                    .orElseThrow();
            assertThat(event.getFormattedMessage()).contains("bug-report-1");
            assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "bug-report-1");
            assertThat(logged.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .doesNotContain(token, PASSWORD, "another-Secret-42-words"));
        } finally {
            mapperLog.detachAppender(logged);
        }
    }

    @Test
    void accountStateConflict_mapsTo409() {
        assertThat(ProblemMapper.statusOf(new Problem.AccountStateConflict(AccountStatus.ACTIVE).code())).isEqualTo(409);
    }
}
