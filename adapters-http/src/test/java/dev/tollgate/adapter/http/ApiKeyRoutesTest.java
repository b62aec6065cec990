package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.adapter.http.internal.Requests;
import dev.tollgate.adapter.http.internal.Responses;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.api.key.ApiKeyView;
import dev.tollgate.port.api.key.IssuedApiKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The signed-in user's API keys over HTTP: the primary key registration makes, and the others. */
class ApiKeyRoutesTest {

    private static final String KEY_SHAPE = "tg_[0-9A-Za-z]{38}";

    private final ServerFixture server = new ServerFixture();
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply register(ServerFixture on, String username) {
        Reply registered = on.client.post("/v1/users/register").json(json("username", username,
                "email", username + "@example.com", "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered;
    }

    private static List<JsonNode> keys(Reply listed) {
        List<JsonNode> keys = new ArrayList<>();
        listed.json().path("api_keys").forEach(keys::add);
        return keys;
    }

    @Test
    void registration_issuesAPrimaryKey_whoseMetadataIsShownWithoutTheSecret() {
        JsonNode issued = register(server, "ana").json().path("api_key");
        String secret = issued.path("key").asText();
        assertThat(secret).matches(KEY_SHAPE);
        assertThat(issued.path("primary").asBoolean()).isTrue();
        assertThat(issued.path("recoverable").asBoolean()).isTrue();
        assertThat(secret).startsWith(issued.path("display_prefix").asText());
        assertThat(issued.path("created_at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(issued.has("expires_at")).isFalse();

        String token = server.login("ana", PASSWORD);
        Reply primary = client.get("/v1/users/api-key").bearer(token).send();
        assertThat(primary.status()).isEqualTo(200);
        assertThat(primary.json().path("id").asText()).isEqualTo(issued.path("id").asText());
        assertThat(primary.json().path("display_prefix").asText()).isEqualTo(issued.path("display_prefix").asText());
        assertThat(primary.json().path("primary").asBoolean()).isTrue();
        assertThat(primary.json().has("key")).isFalse();
        assertThat(primary.json().has("revoked_at")).isFalse();
        assertThat(primary.body()).doesNotContain(secret);

        Reply listed = client.get("/v1/users/api-keys").bearer(token).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(keys(listed)).singleElement().satisfies(key -> assertThat(key.path("id").asText())
                .isEqualTo(issued.path("id").asText()));
        assertThat(listed.body()).doesNotContain(secret);
    }

    @Test
    void keys_areCreatedListedAndRevoked() {
        register(server, "ben");
        String token = server.login("ben", PASSWORD);

        Reply created = client.post("/v1/users/api-keys").bearer(token)
                .json(json("name", "ci runner", "expires_at", "2027-01-01T00:00:00Z")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        assertThat(key.path("key").asText()).matches(KEY_SHAPE);
        assertThat(key.path("name").asText()).isEqualTo("ci runner");
        assertThat(key.path("primary").asBoolean()).isFalse();
        assertThat(key.path("expires_at").asText()).isEqualTo("2027-01-01T00:00:00Z");

        Reply unnamed = client.post("/v1/users/api-keys").bearer(token).json("{}").send();
        assertThat(unnamed.status()).isEqualTo(201);
        assertThat(unnamed.json().has("name")).isFalse();
        assertThat(unnamed.json().has("expires_at")).isFalse();

        Reply listed = client.get("/v1/users/api-keys").bearer(token).send();
        assertThat(keys(listed)).hasSize(3).noneMatch(listedKey -> listedKey.has("key"));
        assertThat(listed.body()).doesNotContain(key.path("key").asText(), unnamed.json().path("key").asText());

        String id = key.path("id").asText();
        assertThat(client.delete("/v1/users/api-keys/" + id).bearer(token).send().status()).isEqualTo(204);
        JsonNode revoked = keys(client.get("/v1/users/api-keys").bearer(token).send()).stream()
                .filter(listedKey -> listedKey.path("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(revoked.path("revoked_at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertProblem(client.delete("/v1/users/api-keys/" + id).bearer(token).send(), 404, "KEY_NOT_FOUND");
    }

    @Test
    void creation_refusesABadNameOrExpiry() {
        register(server, "cai");
        String token = server.login("cai", PASSWORD);

        Reply longName = client.post("/v1/users/api-keys").bearer(token).json(json("name", "n".repeat(101))).send();
        assertProblem(longName, 422, "VALIDATION_FAILED");
        assertThat(longName.json().path("errors").findValuesAsText("field")).containsExactly("name");

        Reply past = client.post("/v1/users/api-keys").bearer(token)
                .json(json("expires_at", "2026-01-05T08:59:59Z")).send();
        assertProblem(past, 422, "VALIDATION_FAILED");
        assertThat(past.json().path("errors").findValuesAsText("field")).containsExactly("expires_at");

        Reply garbled = client.post("/v1/users/api-keys").bearer(token).json(json("expires_at", "next tuesday"))
                .breakingDocument().send();
        assertProblem(garbled, 422, "VALIDATION_FAILED");
        assertThat(garbled.json().path("errors").findValuesAsText("field")).containsExactly("expires_at");

        Reply number = client.post("/v1/users/api-keys").bearer(token).json(json("expires_at", 1767600000))
                .breakingDocument().send();
        assertProblem(number, 422, "VALIDATION_FAILED");
        assertThat(number.json().path("errors").findValuesAsText("field")).containsExactly("expires_at");
        assertThat(keys(client.get("/v1/users/api-keys").bearer(token).send())).hasSize(1);
    }

    @Test
    void reveal_showsTheSecretRegistrationGave_andAfterRegenerate_theNewOne() {
        String original = register(server, "dee").json().at("/api_key/key").asText();
        String token = server.login("dee", PASSWORD);

        Reply revealed = client.post("/v1/users/api-key/reveal").bearer(token).json(json("password", PASSWORD)).send();
        assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
        assertThat(revealed.json().path("key").asText()).isEqualTo(original);
        assertThat(revealed.json().path("primary").asBoolean()).isTrue();

        Reply regenerated = client.post("/v1/users/api-key/regenerate").bearer(token).json(json("password", PASSWORD))
                .send();
        assertThat(regenerated.status()).as(regenerated.body()).isEqualTo(200);
        String replacement = regenerated.json().path("key").asText();
        assertThat(replacement).matches(KEY_SHAPE).isNotEqualTo(original);
        assertThat(regenerated.json().path("id").asText()).isEqualTo(revealed.json().path("id").asText());
        assertThat(client.get("/v1/users/api-key").bearer(token).send().json().path("display_prefix").asText())
                .isEqualTo(regenerated.json().path("display_prefix").asText());

        Reply again = client.post("/v1/users/api-key/reveal").bearer(token).json(json("password", PASSWORD)).send();
        assertThat(again.json().path("key").asText()).isEqualTo(replacement);
    }

    @Test
    void reveal_andRegenerate_refuseAWrongOrMissingPassword() {
        String original = register(server, "eli").json().at("/api_key/key").asText();
        String token = server.login("eli", PASSWORD);

        Reply reveal = client.post("/v1/users/api-key/reveal").bearer(token).json(json("password", "wrong")).send();
        assertProblem(reveal, 401, "INVALID_CREDENTIALS");
        assertThat(reveal.body()).doesNotContain(original);
        assertProblem(client.post("/v1/users/api-key/regenerate").bearer(token).json(json("password", "wrong")).send(),
                401, "INVALID_CREDENTIALS");
        assertProblem(client.post("/v1/users/api-key/reveal").bearer(token).json("{}").breakingDocument().send(), 422,
                "VALIDATION_FAILED");
        assertProblem(client.post("/v1/users/api-key/reveal").json(json("password", PASSWORD)).breakingDocument()
                .send(), 401, "UNAUTHENTICATED");

        Reply unchanged = client.post("/v1/users/api-key/reveal").bearer(token).json(json("password", PASSWORD)).send();
        assertThat(unchanged.json().path("key").asText()).isEqualTo(original);
    }

    @Test
    void repeatedWrongPasswords_lockTheAccount() {
        register(server, "fox");
        String token = server.login("fox", PASSWORD);
        Reply last = null;
        for (int i = 0; i < 6 && (last == null || last.status() != 423); i++) {
            last = client.post("/v1/users/api-key/regenerate").bearer(token).json(json("password", "wrong-" + i)).send();
        }
        assertProblem(last, 423, "ACCOUNT_LOCKED");
        assertThat(last.header("Retry-After")).isNotNull();
    }

    @Test
    void anotherUsersKey_aRevokedPrimary_andAMalformedId_areNotFound() {
        String othersKey = register(server, "gil").json().at("/api_key/id").asText();
        register(server, "hua");
        String token = server.login("hua", PASSWORD);

        assertProblem(client.delete("/v1/users/api-keys/" + othersKey).bearer(token).send(), 404, "KEY_NOT_FOUND");
        assertProblem(client.delete("/v1/users/api-keys/" + UUID.randomUUID()).bearer(token).send(), 404,
                "KEY_NOT_FOUND");
        assertProblem(client.delete("/v1/users/api-keys/not-a-uuid").bearer(token).send(), 404, "KEY_NOT_FOUND");
        String gilToken = server.login("gil", PASSWORD);
        assertThat(client.get("/v1/users/api-key").bearer(gilToken).send().status()).isEqualTo(200);

        String primary = client.get("/v1/users/api-key").bearer(token).send().json().path("id").asText();
        assertThat(client.delete("/v1/users/api-keys/" + primary).bearer(token).send().status()).isEqualTo(204);
        assertProblem(client.get("/v1/users/api-key").bearer(token).send(), 404, "KEY_NOT_FOUND");
        assertProblem(client.post("/v1/users/api-key/reveal").bearer(token).json(json("password", PASSWORD)).send(),
                404, "KEY_NOT_FOUND");
        assertProblem(client.post("/v1/users/api-key/regenerate").bearer(token).json(json("password", PASSWORD)).send(),
                404, "KEY_NOT_FOUND");
    }

    @Test
    void withoutASealingKey_keysAreNotRecoverable_butCanBeRegenerated() {
        try (ServerFixture unsealed = ServerFixture.withoutSealingKey()) {
            Reply registered = register(unsealed, "ivy");
            assertThat(registered.json().at("/api_key/key").asText()).matches(KEY_SHAPE);
            assertThat(registered.json().at("/api_key/recoverable").asBoolean()).isFalse();
            String token = unsealed.login("ivy", PASSWORD);

            assertProblem(unsealed.client.post("/v1/users/api-key/reveal").bearer(token)
                    .json(json("password", PASSWORD)).send(), 409, "KEY_NOT_RECOVERABLE");
            Reply regenerated = unsealed.client.post("/v1/users/api-key/regenerate").bearer(token)
                    .json(json("password", PASSWORD)).send();
            assertThat(regenerated.status()).isEqualTo(200);
            assertThat(regenerated.json().path("key").asText()).matches(KEY_SHAPE)
                    .isNotEqualTo(registered.json().at("/api_key/key").asText());
        }
    }

    @Test
    void requestAndResponseRecords_doNotPrintSecrets() {
        String secret = "tg_0123456789abcdefghijABCDEFGHIJ012345";
        ApiKeyView view = new ApiKeyView(new ApiKeyId(UUID.randomUUID()), "primary", "tg_012345", true, true,
                Instant.parse("2026-01-05T09:00:00Z"), null, null, List.of());
        Responses.IssuedApiKey issued = Responses.IssuedApiKey.of(new IssuedApiKey(view, secret));
        assertThat(issued.key()).isEqualTo(secret);
        assertThat(issued.toString()).doesNotContain(secret).contains("key=***");
        assertThat(new Requests.PasswordConfirmation(PASSWORD).toString()).doesNotContain(PASSWORD);
    }
}
