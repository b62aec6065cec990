package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.http.ApiClient.Call;
import dev.tollgate.adapter.http.ApiClient.Reply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user's own API key as the bearer token: the permission matrix. The reads of the user's
 * own profile, usage and key metadata take it (and take no credits); every route that changes
 * something, and every session route, answers 401 {@code INVALID_TOKEN} for it.
 */
class ApiKeyBearerTest {

    private final ServerFixture server = new ServerFixture();
    private final ApiClient client = server.client;
    private String session;
    private String key;
    private String keyId;

    @BeforeEach
    void registerAVerifiedUser() {
        Reply registered = client.post("/v1/users/register").json(json("username", "ada", "email", "ada@example.com",
                "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        key = registered.json().at("/api_key/key").asText();
        keyId = registered.json().at("/api_key/id").asText();
        session = server.login("ada", PASSWORD);
        assertThat(client.post("/v1/email/verify").bearer(session).json(json("code", server.lastCode("ada@example.com")))
                .send().status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The read routes, each as it is called. */
    private Map<String, Function<String, Reply>> reads() {
        Map<String, Function<String, Reply>> reads = new LinkedHashMap<>();
        reads.put("GET /v1/users/profile", token -> client.get("/v1/users/profile").bearer(token).send());
        reads.put("GET /v1/users/usage", token -> client.get("/v1/users/usage?days=7").bearer(token).send());
        reads.put("GET /v1/users/api-key", token -> client.get("/v1/users/api-key").bearer(token).send());
        reads.put("GET /v1/users/api-keys", token -> client.get("/v1/users/api-keys").bearer(token).send());
        return reads;
    }

    /** Every other route that takes a user's bearer token, with a body that would succeed with a session. */
    private Map<String, Call> sessionOnly(String token) {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("logout", client.post("/v1/users/logout?all=true"));
        calls.put("profile update", client.put("/v1/users/profile").json(json("name", "Mallory")));
        calls.put("sessions", client.get("/v1/users/sessions"));
        calls.put("session revoke", client.delete("/v1/users/sessions/" + UUID.randomUUID()));
        calls.put("email change", client.put("/v1/users/email").json(json("new_email", "m@example.com",
                "password", PASSWORD)));
        calls.put("password change", client.put("/v1/users/password").json(json("current_password", PASSWORD,
                "new_password", "another-Secret-42-words")));
        calls.put("account deletion", client.delete("/v1/users/account").json(json("password", PASSWORD)));
        calls.put("key reveal", client.post("/v1/users/api-key/reveal").json(json("password", PASSWORD)));
        calls.put("key regenerate", client.post("/v1/users/api-key/regenerate").json(json("password", PASSWORD)));
        calls.put("key create", client.post("/v1/users/api-keys").json(json("name", "mallory")));
        calls.put("key revoke", client.delete("/v1/users/api-keys/" + keyId));
        calls.put("send verification", client.post("/v1/email/send-verification"));
        calls.put("resend verification", client.post("/v1/email/resend"));
        calls.put("verify", client.post("/v1/email/verify").json(json("code", "123456")));
        calls.put("email status", client.get("/v1/email/status"));
        calls.put("usage events", client.get("/v1/users/usage/events"));
        calls.values().forEach(call -> call.bearer(token));
        return calls;
    }

    @Test
    void theReadRoutes_takeTheUsersApiKey_andAnswerAsForTheSession() {
        reads().forEach((route, call) -> {
            Reply byKey = call.apply(key);
            assertThat(byKey.status()).as(route + ": " + byKey.body()).isEqualTo(200);
            Reply bySession = call.apply(session);
            assertThat(byKey.json()).as(route).isEqualTo(bySession.json());
        });
        assertThat(client.get("/v1/users/profile").bearer(key).send().json().path("username").asText()).isEqualTo("ada");
    }

    @Test
    void readingWithTheKey_takesNoCredits() {
        for (int i = 0; i < 12; i++) {
            reads().values().forEach(call -> assertThat(call.apply(key).status()).isEqualTo(200));
        }
        Reply usage = client.get("/v1/users/usage").bearer(session).send();
        assertThat(usage.json().at("/meters/credits/remaining").asLong()).as(usage.body()).isEqualTo(10);
        assertThat(usage.json().path("daily")).isEmpty();
    }

    @Test
    void everyRouteThatChangesSomething_andEverySessionRoute_refusesTheKey() {
        sessionOnly(key).forEach((route, call) -> assertProblem(call.send(), 401, "INVALID_TOKEN"));
        // nothing changed: the key still works, the session too, and the profile is as it was
        assertThat(client.get("/v1/users/profile").bearer(key).send().json().has("name")).isFalse();
        assertThat(client.get("/v1/users/api-keys").bearer(session).send().json().path("api_keys")).hasSize(1);
        assertThat(client.get("/v1/users/sessions").bearer(session).send().status()).isEqualTo(200);
        assertThat(server.login("ada", PASSWORD)).isNotBlank();
    }

    @Test
    void aRevokedRegeneratedOrUnknownKey_isAnInvalidToken_onTheReadRoutes() {
        Reply created = client.post("/v1/users/api-keys").bearer(session).json(json("name", "ci")).send();
        String second = created.json().path("key").asText();
        client.delete("/v1/users/api-keys/" + created.json().path("id").asText()).bearer(session).send();
        String regenerated = client.post("/v1/users/api-key/regenerate").bearer(session)
                .json(json("password", PASSWORD)).send().json().path("key").asText();
        String unknown = key.substring(0, 3) + "0".repeat(key.length() - 3);
        for (String dead : new String[] {second, key, unknown}) {
            reads().forEach((route, call) -> {
                Reply reply = call.apply(dead);
                assertProblem(reply, 401, "INVALID_TOKEN");
                assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
            });
        }
        assertThat(client.get("/v1/users/profile").bearer(regenerated).send().status()).isEqualTo(200);
    }

    @Test
    void theKeyOfAnUnverifiedUser_isAnInvalidToken_whenKeysRequireAVerifiedAddress() {
        Reply registered = client.post("/v1/users/register").json(json("username", "bob", "email", "bob@example.com",
                "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertProblem(client.get("/v1/users/profile").bearer(registered.json().at("/api_key/key").asText()).send(), 401,
                "INVALID_TOKEN");
    }
}
