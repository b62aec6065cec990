package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each refusal of a use case reaches the client as its status and problem document. */
class ErrorResponsesTest {

    private final ServerFixture server = new ServerFixture();
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    static void assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.json().path("code").asText()).isEqualTo(code);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("type").asText())
                .isEqualTo("urn:tollgate:problem:" + code.toLowerCase().replace('_', '-'));
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        assertThat(reply.json().path("request_id").asText()).isEqualTo(reply.header("X-Request-Id"));
        assertThat(reply.body()).doesNotContain("Exception", "\tat ", "java.", "dev.tollgate");
    }

    @Test
    void registration_refusals() {
        Reply invalid = client.post("/v1/users/register")
                .json(json("username", "x!", "email", "not-an-address", "password", PASSWORD)).send();
        assertProblem(invalid, 422, "VALIDATION_FAILED");
        assertThat(invalid.json().path("errors").findValuesAsText("field")).contains("username", "email");

        Reply weak = client.post("/v1/users/register").json(json("username", "gus", "email", "gus@example.com",
                "password", "password")).send();
        assertProblem(weak, 422, "PASSWORD_REJECTED");
        assertThat(weak.json().path("violations").toString()).contains("common");

        Reply missing = client.post("/v1/users/register").json(json("username", "gus")).breakingDocument().send();
        assertProblem(missing, 422, "VALIDATION_FAILED");
        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("email", "password");

        Reply badType = client.post("/v1/users/register").json(json("username", "gus", "email", "gus@example.com",
                "password", PASSWORD, "account_type", "enterprise")).breakingDocument().send();
        assertProblem(badType, 422, "VALIDATION_FAILED");
        assertThat(badType.json().path("errors").findValuesAsText("field")).containsExactly("account_type");

        server.signedIn("gus");
        assertProblem(client.post("/v1/users/register").json(json("username", "GUS", "email", "other@example.com",
                "password", PASSWORD)).send(), 409, "USERNAME_TAKEN");
        assertProblem(client.post("/v1/users/register").json(json("username", "gus2", "email", "gus@example.com",
                "password", PASSWORD)).send(), 409, "EMAIL_TAKEN");
    }

    @Test
    void enumerationSafeRegistration_answersATakenAddressExactlyLikeAFreeOne_andMailsItsOwner() {
        try (ServerFixture safe = new ServerFixture(http -> http.withEnumerationSafeRegistration(true))) {
            Reply first = safe.client.post("/v1/users/register").json(json("username", "kim", "email", "kim@example.com",
                    "password", PASSWORD)).send();
            safe.mailer.clear();
            Reply taken = safe.client.post("/v1/users/register").json(json("username", "kam", "email",
                    "kim@example.com", "password", PASSWORD)).send();

            assertThat(first.status()).as(first.body()).isEqualTo(202);
            assertThat(taken.status()).as(taken.body()).isEqualTo(202);
            assertThat(taken.body()).isEqualTo(first.body());
            assertThat(taken.body()).doesNotContain("api_key", "tg_");
            assertThat(safe.mailer.sentTo(dev.tollgate.port.Email.of("kim@example.com"))).singleElement()
                    .isInstanceOf(dev.tollgate.port.spi.mail.MailMessage.RegistrationAttempted.class);
            assertProblem(safe.client.post("/v1/users/register").json(json("username", "KIM", "email",
                    "other@example.com", "password", PASSWORD)).send(), 409, "USERNAME_TAKEN");
        }
    }

    @Test
    void login_refusals_andLockoutAfterFiveBadPasswords() {
        server.signedIn("hal");
        assertProblem(client.post("/v1/users/login").json(json("login", "nobody", "password", PASSWORD)).send(), 401,
                "INVALID_CREDENTIALS");
        for (int i = 0; i < 4; i++) {
            assertProblem(client.post("/v1/users/login").json(json("login", "hal", "password", "wrong-" + i)).send(),
                    401, "INVALID_CREDENTIALS");
        }
        Reply fifth = client.post("/v1/users/login").json(json("login", "hal", "password", "wrong-5")).send();
        Reply locked = fifth.status() == 423 ? fifth
                : client.post("/v1/users/login").json(json("login", "hal", "password", PASSWORD)).send();
        assertProblem(locked, 423, "ACCOUNT_LOCKED");
        assertThat(locked.json().path("locked_until").asText()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(locked.header("Retry-After")).isEqualTo("3600");
        assertThat(locked.json().path("retry_after").asLong()).isEqualTo(3600);
        assertProblem(client.post("/v1/users/login").json(json("login", "hal", "password", PASSWORD)).send(), 423,
                "ACCOUNT_LOCKED");
    }

    @Test
    void login_ofAnUnknownName_locksAfterFiveBadPasswords_exactlyLikeAnAccount() {
        server.signedIn("ivy");
        for (int i = 1; i <= 6; i++) {
            Reply known = client.post("/v1/users/login").json(json("login", "ivy", "password", "wrong-" + i)).send();
            Reply unknown = client.post("/v1/users/login").json(json("login", "nobody-" + "ivy", "password",
                    "wrong-" + i)).send();
            assertThat(unknown.status()).as("attempt " + i).isEqualTo(known.status()).isEqualTo(i < 5 ? 401 : 423);
            assertThat(unknown.json().path("code").asText()).isEqualTo(known.json().path("code").asText());
            assertThat(unknown.json().path("locked_until").asText()).isEqualTo(known.json().path("locked_until").asText());
            assertThat(unknown.header("Retry-After")).isEqualTo(known.header("Retry-After"));
        }
    }

    @Test
    void login_ofASuspendedAccount_isForbidden() {
        server.signedIn("ida");
        var user = server.core.accounts().findByLogin(TenantId.DEFAULT, "ida").orElseThrow();
        server.core.accounts().suspend(user.ref(), "abuse", RequestContext.NONE).orElseThrow();
        assertProblem(client.post("/v1/users/login").json(json("login", "ida", "password", PASSWORD)).send(), 403,
                "ACCOUNT_INACTIVE");
    }

    @Test
    void bearer_refusals() {
        Reply none = client.get("/v1/users/profile").breakingDocument().send();
        assertProblem(none, 401, "UNAUTHENTICATED");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(client.get("/v1/users/profile").header("Authorization", "Basic YTpi").breakingDocument().send(), 401, "UNAUTHENTICATED");
        Reply unknown = client.get("/v1/users/profile").bearer("not-a-real-token").send();
        assertProblem(unknown, 401, "INVALID_TOKEN");
        assertThat(unknown.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void refresh_ofAnUnknownToken_isInvalid() {
        assertProblem(client.post("/v1/users/refresh").json(json("refresh_token", "nope")).send(), 401, "INVALID_TOKEN");
    }

    @Test
    void session_refusals() {
        String token = server.signedIn("jay");
        assertProblem(client.delete("/v1/users/sessions/" + UUID.randomUUID()).bearer(token).send(), 404,
                "SESSION_NOT_FOUND");
        assertProblem(client.delete("/v1/users/sessions/not-a-uuid").bearer(token).breakingDocument().send(), 400,
                "MALFORMED_REQUEST");
        assertProblem(client.post("/v1/users/logout?all=maybe").bearer(token).breakingDocument().send(), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void verification_refusals() {
        String token = server.signedIn("kim");
        Reply wrong = client.post("/v1/email/verify").bearer(token).json(json("code", "000000")).send();
        assertProblem(wrong, 422, "OTP_INVALID");
        assertThat(wrong.json().path("attempts_left").asInt()).isEqualTo(4);
        assertProblem(client.post("/v1/email/verify").bearer(token).json(json("code", "12")).send(), 422,
                "VALIDATION_FAILED");
        for (int i = 0; i < 4; i++) {
            client.post("/v1/email/verify").bearer(token).json(json("code", "000000")).send();
        }
        assertProblem(client.post("/v1/email/verify").bearer(token).json(json("code", "000000")).send(), 410,
                "OTP_ATTEMPTS_EXHAUSTED");

        client.post("/v1/email/send-verification").bearer(token).send();
        server.clock.advance(Duration.ofHours(25));
        String later = server.login("kim", PASSWORD);
        assertProblem(client.post("/v1/email/verify").bearer(later).json(json("code", server.lastCode("kim@example.com")))
                .send(), 410, "OTP_EXPIRED");
    }

    @Test
    void titlesAndDetails_readAsEnglish() {
        String token = server.signedIn("kit");
        Reply first = client.post("/v1/email/verify").bearer(token).json(json("code", "000000")).send();
        assertThat(first.json().path("title").asText()).isEqualTo("One-time code invalid");
        assertThat(first.json().path("detail").asText()).isEqualTo("The code is wrong; 4 attempts left.");
        Reply last = first;
        for (int i = 0; i < 3; i++) {
            last = client.post("/v1/email/verify").bearer(token).json(json("code", "000000")).send();
        }
        assertThat(last.json().path("attempts_left").asInt()).isEqualTo(1);
        assertThat(last.json().path("detail").asText()).isEqualTo("The code is wrong; 1 attempt left.");
        assertThat(client.get("/v1/users/profile").breakingDocument().send().json().path("title").asText())
                .isEqualTo("Authentication required");
        assertThat(client.get("/v1/users/api-keys/x").outsideDocument().send().json().path("title").asText())
                .isEqualTo("Method not allowed");
    }

    @Test
    void verification_ofAVerifiedAddress_conflicts_andSendingIsRateLimited() {
        String token = server.signedIn("lee");
        client.post("/v1/email/send-verification").bearer(token).send();
        client.post("/v1/email/send-verification").bearer(token).send();
        Reply limited = client.post("/v1/email/resend").bearer(token).send();
        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limited.json().path("retry_after").asLong()).isEqualTo(Long.parseLong(limited.header("Retry-After")));

        client.post("/v1/email/verify").bearer(token).json(json("code", server.lastCode("lee@example.com"))).send();
        assertProblem(client.post("/v1/email/send-verification").bearer(token).send(), 409, "EMAIL_ALREADY_VERIFIED");
        assertProblem(client.post("/v1/email/verify").bearer(token).json(json("code", "123456")).send(), 409,
                "EMAIL_ALREADY_VERIFIED");
    }

    @Test
    void emailChange_passwordChange_andDeletion_refusals() {
        String token = server.signedIn("max");
        server.signedIn("ned");
        assertProblem(client.put("/v1/users/email").bearer(token).json(json("new_email", "max2@example.com",
                "password", "wrong")).send(), 401, "INVALID_CREDENTIALS");
        assertProblem(client.put("/v1/users/email").bearer(token).json(json("new_email", "ned@example.com",
                "password", PASSWORD)).send(), 409, "EMAIL_TAKEN");
        assertProblem(client.put("/v1/users/email").bearer(token).json(json("new_email", "nope",
                "password", PASSWORD)).send(), 422, "VALIDATION_FAILED");
        assertProblem(client.put("/v1/users/password").bearer(token).json(json("current_password", "wrong",
                "new_password", "another-Secret-42-words")).send(), 401, "INVALID_CREDENTIALS");
        assertProblem(client.put("/v1/users/password").bearer(token).json(json("current_password", PASSWORD,
                "new_password", "short")).send(), 422, "PASSWORD_REJECTED");
        assertProblem(client.delete("/v1/users/account").bearer(token).json(json("password", "wrong")).send(), 401,
                "INVALID_CREDENTIALS");
        assertProblem(client.put("/v1/users/profile").bearer(token).json(json("name", "n".repeat(101))).send(), 422,
                "VALIDATION_FAILED");
    }

    @Test
    void passwordResetConfirmation_withAWrongCode_revealsNoAttempts() {
        server.signedIn("oli");
        client.post("/v1/users/password-reset/request").json(json("email", "oli@example.com")).send();
        Reply wrong = client.post("/v1/users/password-reset/confirm").json(json("email", "oli@example.com",
                "code", "000000", "new_password", "another-Secret-42-words")).send();
        assertProblem(wrong, 422, "OTP_INVALID");
        assertThat(wrong.json().has("attempts_left")).isFalse();
        assertProblem(client.post("/v1/users/password-reset/confirm").json(json("email", "nobody@example.com",
                "code", "000000", "new_password", "another-Secret-42-words")).send(), 422, "OTP_INVALID");
    }

    @Test
    void passwordResetConfirmation_withTheMailedCodeAfterItsLifetime_isExpired() {
        server.signedIn("pia");
        client.post("/v1/users/password-reset/request").json(json("email", "pia@example.com")).send();
        String code = server.lastCode("pia@example.com");
        server.clock.advance(Duration.ofMinutes(16));

        assertProblem(client.post("/v1/users/password-reset/confirm").json(json("email", "pia@example.com",
                "code", code, "new_password", "another-Secret-42-words")).send(), 410, "OTP_EXPIRED");
    }
}
