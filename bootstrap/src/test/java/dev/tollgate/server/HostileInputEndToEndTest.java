package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.postgres.PostgresTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Input a store cannot keep as given, sent to the real server on each store: PostgreSQL refused
 * a NUL and a year past 9999 with a data exception, which was answered 503 STORE_UNAVAILABLE.
 * Every store must answer 422 VALIDATION_FAILED naming the field, and keep nothing.
 */
class HostileInputEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "analytical-Engine-1843";

    @TempDir
    Path dataDirectory;

    private final HttpClient client = HttpClient.newHttpClient();
    private RunningServer server;
    private String postgresDatabase;

    enum Store { SQLITE, POSTGRES }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (postgresDatabase != null) {
            PostgresTestServer.instance().dropDatabase(postgresDatabase);
        }
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aNulOrAYearPast9999_isUnprocessableNamingTheField_onEveryStore(Store store) throws Exception {
        start(store);
        assertThat(send("POST", "/v1/users/register", null, """
                {"username":"ada","email":"ada@example.com","password":"%s"}""".formatted(PASSWORD)).status)
                .isEqualTo(201);
        String token = send("POST", "/v1/users/login", null, """
                {"login":"ada","password":"%s"}""".formatted(PASSWORD)).body.path("session_token").asText();

        assertUnprocessable(send("PUT", "/v1/users/profile", token, "{\"name\":\"Ada\\u0000\"}"), "name");
        assertUnprocessable(send("PUT", "/v1/users/profile", token, "{\"about_me\":\"a\\u0000b\"}"), "about_me");
        assertUnprocessable(send("POST", "/v1/users/api-keys", token, "{\"name\":\"ci\\u0000\"}"), "name");
        assertUnprocessable(send("POST", "/v1/users/api-keys", token,
                "{\"name\":\"ci\",\"expires_at\":\"+10000-01-01T00:00:00Z\"}"), "expires_at");
        assertUnprocessable(send("DELETE", "/v1/users/account", token,
                "{\"password\":\"%s\",\"reason\":\"bye\\u0000\"}".formatted(PASSWORD)), "reason");

        Answer profile = send("GET", "/v1/users/profile", token, null);
        assertThat(profile.status).isEqualTo(200);
        assertThat(profile.raw).doesNotContain("\\u0000");
        assertThat(send("GET", "/v1/users/api-keys", token, null).body.path("api_keys").size())
                .as("only the primary key").isEqualTo(1);
    }

    private static void assertUnprocessable(Answer answer, String field) {
        assertThat(answer.status).as(answer.raw).isEqualTo(422);
        assertThat(answer.contentType).startsWith("application/problem+json");
        assertThat(answer.body.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.body.path("errors").findValuesAsText("field")).contains(field);
    }

    private void start(Store store) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "TOLLGATE_HTTP_PORT", "0",
                "TOLLGATE_DATA_DIR", dataDirectory.toString()));
        if (store == Store.POSTGRES) {
            PostgresTestServer postgres = PostgresTestServer.instance();
            postgresDatabase = postgres.createDatabase();
            environment.put("TOLLGATE_STORE", "postgres");
            environment.put("TOLLGATE_DB_URL", postgres.url(postgresDatabase));
            if (postgres.user() != null) {
                environment.put("TOLLGATE_DB_USER", postgres.user());
            }
            if (postgres.password() != null) {
                environment.put("TOLLGATE_DB_PASSWORD", postgres.password());
            }
        }
        server = ServerLauncher.start(ServerConfiguration.read(environment, Map.of()));
    }

    private Answer send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), raw,
                raw.isEmpty() ? JSON.createObjectNode() : JSON.readTree(raw));
    }

    private record Answer(int status, String contentType, String raw, JsonNode body) {
    }
}
