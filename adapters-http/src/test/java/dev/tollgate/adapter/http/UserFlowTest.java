package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole life of an account through the HTTP API, every step checked against the document. */
class UserFlowTest {

    private final ServerFixture server = new ServerFixture();
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void register_verify_login_refresh_reuse_changeEmailAndPassword_reset_delete() {
        Reply registered = client.post("/v1/users/register").json(json("username", "Alice", "email", "Alice@Example.com",
                "password", PASSWORD, "name", "Alice A.", "account_type", "business")).send();
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().at("/user/username").asText()).isEqualTo("Alice");
        assertThat(registered.json().at("/user/email").asText()).isEqualTo("alice@example.com");
        assertThat(registered.json().at("/user/email_verified").asBoolean()).isFalse();
        assertThat(registered.json().at("/user/account_type").asText()).isEqualTo("business");
        assertThat(registered.json().at("/verification_code_sent").asBoolean()).isTrue();

        Reply login = client.post("/v1/users/login").json(json("login", "alice", "password", PASSWORD)).send();
        assertThat(login.status()).isEqualTo(200);
        String session = login.json().path("session_token").asText();

        Reply verified = client.post("/v1/email/verify").bearer(session)
                .json(json("code", server.lastCode("alice@example.com"))).send();
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("email_verified").asBoolean()).isTrue();

        Reply refreshed = client.post("/v1/users/refresh")
                .json(json("refresh_token", login.json().path("refresh_token").asText())).send();
        assertThat(refreshed.status()).isEqualTo(200);
        JsonNode pair = refreshed.json();
        assertThat(pair.path("session_id").asText()).isEqualTo(login.json().path("session_id").asText());

        Reply reused = client.post("/v1/users/refresh")
                .json(json("refresh_token", login.json().path("refresh_token").asText())).send();
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(client.get("/v1/users/profile").bearer(pair.path("session_token").asText()).send().code())
                .isEqualTo("INVALID_TOKEN");
        assertThat(client.post("/v1/users/refresh").json(json("refresh_token", pair.path("refresh_token").asText()))
                .send().status()).isEqualTo(401);

        String token = client.post("/v1/users/login").json(json("login", "alice@example.com", "password", PASSWORD))
                .send().json().path("session_token").asText();
        Reply emailChanged = client.put("/v1/users/email").bearer(token)
                .json(json("new_email", "alice@new.example.org", "password", PASSWORD)).send();
        assertThat(emailChanged.status()).isEqualTo(200);
        assertThat(emailChanged.json().path("sent_to").asText()).isEqualTo("alice@new.example.org");
        assertThat(client.post("/v1/email/verify").bearer(token)
                .json(json("code", server.lastCode("alice@new.example.org"))).send().status()).isEqualTo(200);

        String other = client.post("/v1/users/login").json(json("login", "alice", "password", PASSWORD))
                .send().json().path("session_token").asText();
        String newPassword = "another-Secret-42-words";
        Reply passwordChanged = client.put("/v1/users/password").bearer(token)
                .json(json("current_password", PASSWORD, "new_password", newPassword)).send();
        assertThat(passwordChanged.status()).isEqualTo(200);
        assertThat(client.get("/v1/users/profile").bearer(token).send().status()).isEqualTo(200);
        assertThat(client.get("/v1/users/profile").bearer(other).send().status()).isEqualTo(401);

        Reply resetRequested = client.post("/v1/users/password-reset/request")
                .json(json("email", "alice@new.example.org")).send();
        assertThat(resetRequested.status()).isEqualTo(202);
        String resetPassword = "third-Passphrase-99-x";
        Reply reset = client.post("/v1/users/password-reset/confirm").json(json("email", "alice@new.example.org",
                "code", server.lastCode("alice@new.example.org"), "new_password", resetPassword)).send();
        assertThat(reset.status()).isEqualTo(204);
        assertThat(client.get("/v1/users/profile").bearer(token).send().status()).isEqualTo(401);

        String last = client.post("/v1/users/login").json(json("login", "alice", "password", resetPassword))
                .send().json().path("session_token").asText();
        Reply deleted = client.delete("/v1/users/account").bearer(last)
                .json(json("password", resetPassword, "reason", "moving on")).send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(client.post("/v1/users/login").json(json("login", "alice", "password", resetPassword)).send().code())
                .isEqualTo("INVALID_CREDENTIALS");
    }
}
