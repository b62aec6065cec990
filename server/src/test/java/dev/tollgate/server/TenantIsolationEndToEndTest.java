package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tollgate.server.JsonExchange.Answer;
import dev.tollgate.testing.postgres.PostgresTestServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database, one with {@code TOLLGATE_TENANT=t1} and one with
 * {@code t2}, as an operator runs them: what belongs to t1 (its users' API keys, session and
 * refresh tokens, balances) is unknown at t2 and untouched by anything sent to t2.
 */
class TenantIsolationEndToEndTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String SERVICE_TOKEN = "service-token-of-the-tenant-isolation-test-0123456789";
    private static final String PASSWORD = "analytical-Engine-1843";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dataDirectory;

    private final HttpClient client = HttpClient.newHttpClient();
    private RunningServer t1;
    private RunningServer t2;
    private String database;

    @AfterEach
    void stop() {
        try {
            if (t1 != null) {
                t1.close();
            }
            if (t2 != null) {
                t2.close();
            }
        } finally {
            if (database != null) {
                PostgresTestServer.instance().dropDatabase(database);
            }
        }
    }

    @Test
    void aT1UsersKeyAndTokens_areUnknownAtT2_andT2TakesNothing() throws Exception {
        database = PostgresTestServer.instance().createDatabase();
        t1 = start("t1");
        t2 = start("t2");
        Answer registered = post(t1, "/v1/users/register", null, Map.of("username", "ada", "email", "ada@example.com",
                "password", PASSWORD));
        assertThat(registered.status()).isEqualTo(201);
        String key = registered.body().at("/api_key/key").asText();
        Answer login = post(t1, "/v1/users/login", null, Map.of("login", "ada", "password", PASSWORD));
        String token = login.body().at("/session_token").asText();
        String refreshToken = login.body().at("/refresh_token").asText();
        assertThat(post(t1, "/v1/email/verify", token, Map.of("code", lastCode("ada@example.com"))).status())
                .isEqualTo(200);
        Answer atT1 = post(t1, "/v1/keys/verify", SERVICE_TOKEN, Map.of("key", key, "cost", 1));
        assertThat(atT1.body().at("/valid").asBoolean()).as("the key works where it belongs").isTrue();
        long balance = atT1.body().at("/meters/credits/remaining").asLong();

        Answer atT2 = post(t2, "/v1/keys/verify", SERVICE_TOKEN, Map.of("key", key, "cost", 4));

        assertThat(atT2.status()).isEqualTo(200);
        assertThat(atT2.body().at("/valid").asBoolean()).isFalse();
        assertThat(atT2.body().at("/reason").asText()).isEqualTo("KEY_NOT_FOUND");
        assertThat(atT2.body().at("/meters").isMissingNode() || atT2.body().at("/meters").isEmpty()).isTrue();
        assertThat(get(t1, "/v1/users/usage", token).body().at("/meters/credits/remaining").asLong())
                .as("t1's balance after t2 was asked").isEqualTo(balance);

        // t1's session and refresh tokens are unknown at t2, and t2 spends neither
        assertProblem(get(t2, "/v1/users/profile", token), 401, "INVALID_TOKEN");
        assertProblem(post(t2, "/v1/users/refresh", null, Map.of("refresh_token", refreshToken)), 401, "INVALID_TOKEN");
        assertThat(get(t1, "/v1/users/profile", token).status()).isEqualTo(200);
        Answer refreshed = post(t1, "/v1/users/refresh", null, Map.of("refresh_token", refreshToken));
        assertThat(refreshed.status()).as("t2 neither rotated nor spent t1's refresh token").isEqualTo(200);
        token = refreshed.body().at("/session_token").asText();

        // the same name and address in t2 is another user, whose key is unknown at t1
        Answer twin = post(t2, "/v1/users/register", null, Map.of("username", "ada", "email", "ada@example.com",
                "password", PASSWORD));
        assertThat(twin.status()).isEqualTo(201);
        Answer twinAtT1 = post(t1, "/v1/keys/verify", SERVICE_TOKEN,
                Map.of("key", twin.body().at("/api_key/key").asText(), "cost", 1));
        assertThat(twinAtT1.body().at("/reason").asText()).isEqualTo("KEY_NOT_FOUND");
        assertThat(get(t1, "/v1/users/usage", token).body().at("/meters/credits/remaining").asLong()).isEqualTo(balance);
    }

    @Test
    void aNulCharacterReachingPostgres_isAnswered422ValidationFailed_notA503() throws Exception {
        database = PostgresTestServer.instance().createDatabase();
        t1 = start("t1");
        assertThat(post(t1, "/v1/users/register", null, Map.of("username", "nul", "email", "nul@example.com",
                "password", PASSWORD)).status()).isEqualTo(201);
        String token = post(t1, "/v1/users/login", null, Map.of("login", "nul", "password", PASSWORD))
                .body().at("/session_token").asText();

        Answer answer = send(t1, "PUT", "/v1/users/profile", token, Map.of("name", "Ada\u0000Lovelace"));

        assertProblem(answer, 422, "VALIDATION_FAILED");
        assertThat(answer.raw()).doesNotContain("Lovelace");
        assertThat(get(t1, "/ready", null).status()).isEqualTo(200);
    }

    private RunningServer start(String tenant) {
        PostgresTestServer postgres = PostgresTestServer.instance();
        Map<String, String> environment = new HashMap<>(Map.of(
                "TOLLGATE_HTTP_PORT", "0",
                "TOLLGATE_TENANT", tenant,
                "TOLLGATE_SERVICE_TOKEN", SERVICE_TOKEN,
                "TOLLGATE_SMTP_HOST", "127.0.0.1",
                "TOLLGATE_SMTP_PORT", Integer.toString(MAIL.getSmtp().getPort()),
                "TOLLGATE_SMTP_TLS", "none",
                "TOLLGATE_MAIL_FROM", "tollgate@example.com",
                "TOLLGATE_DATA_DIR", dataDirectory.resolve(tenant).toString(),
                "TOLLGATE_STORE", "postgres",
                "TOLLGATE_DB_URL", postgres.url(database)));
        if (postgres.user() != null) {
            environment.put("TOLLGATE_DB_USER", postgres.user());
        }
        if (postgres.password() != null) {
            environment.put("TOLLGATE_DB_PASSWORD", postgres.password());
        }
        return ServerLauncher.start(ServerConfiguration.read(environment, Map.of()));
    }

    private String lastCode(String address) throws Exception {
        String text = null;
        for (MimeMessage message : MAIL.getReceivedMessagesForDomain(address)) {
            text = GreenMailUtil.getBody(message);
        }
        assertThat(text).as("a mail to " + address).isNotNull();
        Matcher matcher = CODE.matcher(text);
        assertThat(matcher.find()).as("a code in the mail to " + address).isTrue();
        return matcher.group(1);
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().at("/code").asText()).isEqualTo(code);
        assertThat(answer.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Answer get(RunningServer server, String path, String token) throws IOException, InterruptedException {
        return send(server, "GET", path, token, null);
    }

    private Answer post(RunningServer server, String path, String token, Map<String, ?> body)
            throws IOException, InterruptedException {
        return send(server, "POST", path, token, body);
    }

    private Answer send(RunningServer server, String method, String path, String token, Map<String, ?> body)
            throws IOException, InterruptedException {
        return JsonExchange.send(client, server.port(), method, path, token, body);
    }

}
