package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.Email;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verification without a session, with unverified login refused (TOLLGATE_ALLOW_UNVERIFIED_LOGIN=false),
 * and a pending change of address, through the HTTP API; every exchange is checked against the document.
 */
class EmailRoutesTest {

    private final ServerFixture server = new ServerFixture(settings -> settings.withAllowUnverifiedLogin(false),
            UnaryOperator.identity(), useCases -> useCases);
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void register_loginRefusedUnverified_verifyByAddressAndCode_thenLoginWorks() {
        register("ada");
        Reply refused = login("ada");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("EMAIL_UNVERIFIED");

        Reply verified = client.post("/v1/email/verify")
                .json(json("email", "ada@example.com", "code", server.lastCode("ada@example.com"))).send();

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("email_verified").asBoolean()).isTrue();
        assertThat(login("ada").status()).isEqualTo(200);
    }

    @Test
    void byAddress_aWrongCodeAndAnUnknownAddress_answerTheSame() {
        register("bea");
        String right = server.lastCode("bea@example.com");
        String wrong = right.equals("000000") ? "111111" : "000000";

        Reply wrongCode = client.post("/v1/email/verify").json(json("email", "bea@example.com", "code", wrong)).send();
        Reply unknown = client.post("/v1/email/verify").json(json("email", "nobody@example.com", "code", right)).send();

        assertThat(wrongCode.status()).isEqualTo(422);
        assertThat(wrongCode.code()).isEqualTo("OTP_INVALID");
        assertThat(withoutInstance(wrongCode.json())).isEqualTo(withoutInstance(unknown.json()));
        assertThat(unknown.status()).isEqualTo(422);
    }

    @Test
    void aNewCodeByAddress_isAcceptedAlikeForEveryAddress_andReachesOnlyAnUnverifiedOne() {
        register("cleo");
        int mailsBefore = server.mailer.sent().size();

        Reply unverified = requestCode("cleo@example.com");
        Reply unknown = requestCode("nobody@example.com");

        assertThat(unverified.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unverified.json()).isEqualTo(unknown.json());
        assertThat(server.mailer.sent()).hasSize(mailsBefore + 1);
        assertThat(client.post("/v1/email/verify")
                .json(json("email", "cleo@example.com", "code", server.lastCode("cleo@example.com"))).send().status())
                .isEqualTo(200);
        assertThat(requestCode("cleo@example.com").json()).as("verified now, still the same answer")
                .isEqualTo(unknown.json());
        assertThat(server.mailer.sent()).hasSize(mailsBefore + 1);
    }

    @Test
    void theSessionForm_stillVerifies() {
        register("dina");
        verifyByAddress("dina");
        String token = tokenOf(login("dina"));
        client.post("/v1/email/resend").bearer(token).send();
        assertThat(client.post("/v1/email/resend").bearer(token).send().code()).isEqualTo("EMAIL_ALREADY_VERIFIED");

        Reply unauthenticated = client.post("/v1/email/verify").json(json("code", "123456")).send();

        assertThat(unauthenticated.status()).isEqualTo(401);
    }

    @Test
    void aChangeOfAddress_isPending_theOldAddressLogsIn_untilTheCodeMovesIt() {
        register("eve");
        verifyByAddress("eve");
        String token = tokenOf(login("eve"));

        Reply changed = client.put("/v1/users/email").bearer(token)
                .json(json("new_email", "eve@new.example.org", "password", PASSWORD)).send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("sent_to").asText()).isEqualTo("eve@new.example.org");

        JsonNode pending = client.get("/v1/email/status").bearer(token).send().json();
        assertThat(pending.path("email").asText()).isEqualTo("eve@example.com");
        assertThat(pending.path("verified").asBoolean()).isTrue();
        assertThat(pending.path("pending_email").asText()).isEqualTo("eve@new.example.org");
        assertThat(pending.path("code_pending").asBoolean()).isTrue();
        assertThat(login("eve@example.com").status()).isEqualTo(200);
        assertThat(login("eve@new.example.org").code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(client.get("/v1/users/profile").bearer(token).send().json().path("email").asText())
                .isEqualTo("eve@example.com");

        Reply confirmed = client.post("/v1/email/verify").bearer(token)
                .json(json("code", server.lastCode("eve@new.example.org"))).send();
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().path("email").asText()).isEqualTo("eve@new.example.org");
        assertThat(confirmed.json().path("email_verified").asBoolean()).isTrue();
        assertThat(client.get("/v1/email/status").bearer(token).send().json().has("pending_email")).isFalse();
        assertThat(login("eve@new.example.org").status()).isEqualTo(200);
        assertThat(login("eve@example.com").code()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(server.mailer.sentTo(Email.of("eve@example.com")))
                .anyMatch(mail -> mail instanceof dev.tollgate.port.spi.mail.MailMessage.EmailChanged);
    }

    @Test
    void aPendingChange_canBeCancelled_andItsCodeThenConfirmsNothing() {
        register("fay");
        verifyByAddress("fay");
        String token = tokenOf(login("fay"));
        client.put("/v1/users/email").bearer(token).json(json("new_email", "fay@new.example.org", "password", PASSWORD))
                .send();

        Reply cancelled = client.delete("/v1/users/email/pending").bearer(token).send();

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("email").asText()).isEqualTo("fay@example.com");
        assertThat(cancelled.json().has("pending_email")).isFalse();
        Reply late = client.post("/v1/email/verify").bearer(token)
                .json(json("code", server.lastCode("fay@new.example.org"))).send();
        assertThat(late.code()).isEqualTo("EMAIL_ALREADY_VERIFIED");
        assertThat(login("fay@example.com").status()).isEqualTo(200);
        assertThat(client.delete("/v1/users/email/pending").bearer(token).send().status()).as("idempotent")
                .isEqualTo(200);
        assertThat(client.delete("/v1/users/email/pending").bearer("not-a-session").send().status()).isEqualTo(401);
    }

    @Test
    void confirmingAnAddressSomeoneTookMeanwhile_isEmailTaken_andTheOldAddressStays() {
        register("gia");
        verifyByAddress("gia");
        String token = tokenOf(login("gia"));
        client.put("/v1/users/email").bearer(token).json(json("new_email", "wanted@example.org", "password", PASSWORD))
                .send();
        String code = server.lastCode("wanted@example.org");
        assertThat(client.post("/v1/users/register").json(json("username", "hal", "email", "wanted@example.org",
                "password", PASSWORD)).send().status()).isEqualTo(201);

        Reply confirmed = client.post("/v1/email/verify").bearer(token).json(json("code", code)).send();

        assertThat(confirmed.status()).isEqualTo(409);
        assertThat(confirmed.code()).isEqualTo("EMAIL_TAKEN");
        assertThat(login("gia@example.com").status()).isEqualTo(200);
    }

    private void register(String username) {
        Reply registered = client.post("/v1/users/register").json(json("username", username,
                "email", username + "@example.com", "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    private void verifyByAddress(String username) {
        String address = username + "@example.com";
        assertThat(client.post("/v1/email/verify").json(json("email", address, "code", server.lastCode(address)))
                .send().status()).isEqualTo(200);
    }

    private Reply login(String login) {
        return client.post("/v1/users/login").json(json("login", login, "password", PASSWORD)).send();
    }

    private static String tokenOf(Reply login) {
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("session_token").asText();
    }

    private Reply requestCode(String email) {
        return client.post("/v1/email/verify/resend").json(json("email", email)).send();
    }

    private static JsonNode withoutInstance(JsonNode problem) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = problem.deepCopy();
        copy.remove("instance");
        copy.remove("request_id");
        return copy;
    }
}
