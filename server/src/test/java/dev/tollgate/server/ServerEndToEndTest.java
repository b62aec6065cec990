package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tollgate.server.JsonExchange.Answer;
import dev.tollgate.testing.mongo.MongoTestServer;
import dev.tollgate.testing.postgres.PostgresTestServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The standalone server end to end, as an operator runs it: configuration as environment
 * settings, real HTTP on a random port, real SMTP to an in-JVM mail server, and a real store
 * (an SQLite file, and PostgreSQL). Codes are read from the mails the server sent.
 */
class ServerEndToEndTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String SERVICE_TOKEN = "service-token-of-the-end-to-end-test-0123456789";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(patient(ServerSetupTest.SMTP));

    @TempDir
    Path dataDirectory;

    private final HttpClient client = HttpClient.newHttpClient();
    private RunningServer server;
    private String postgresDatabase;
    private String mongoDatabase;

    enum Store { SQLITE, POSTGRES, MONGO }

    /** On a free port, with 30 s to start instead of GreenMail's 2 s (a loaded machine starts it slowly). */
    private static ServerSetup patient(ServerSetup setup) {
        ServerSetup copy = setup.dynamicPort();
        copy.setServerStartupTimeout(30_000);
        return copy;
    }

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
    void aUsersWholeLife_overHttp(Store store) throws Exception {
        start(store);

        // register: 201, and the verification code arrives by mail
        Answer registered = post("/v1/users/register", null, Map.of("username", "ada", "email", "ada@example.com",
                "password", "analytical-Engine-1843", "name", "Ada"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.body().at("/verification_code_sent").asBoolean()).isTrue();
        String code = lastCode("ada@example.com");

        // log in, verify the address with the mailed code
        Answer login = login("ada", "analytical-Engine-1843");
        assertThat(login.status()).isEqualTo(200);
        String token = login.body().at("/session_token").asText();
        Answer verified = post("/v1/email/verify", token, Map.of("code", code));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body().at("/email_verified").asBoolean()).isTrue();

        // refresh rotates; reusing the old refresh token ends the session
        String oldRefresh = login.body().at("/refresh_token").asText();
        Answer refreshed = post("/v1/users/refresh", null, Map.of("refresh_token", oldRefresh));
        assertThat(refreshed.status()).isEqualTo(200);
        String newToken = refreshed.body().at("/session_token").asText();
        assertThat(get("/v1/users/profile", newToken).status()).isEqualTo(200);
        Answer reuse = post("/v1/users/refresh", null, Map.of("refresh_token", oldRefresh));
        assertProblem(reuse, 401, "REFRESH_TOKEN_REUSED");
        assertProblem(get("/v1/users/profile", newToken), 401, "INVALID_TOKEN");

        // change the email: pending until the code mailed to the new address is entered, then the old one is told
        token = login("ada", "analytical-Engine-1843").body().at("/session_token").asText();
        Answer changed = put("/v1/users/email", token, Map.of("new_email", "ada@lovelace.example",
                "password", "analytical-Engine-1843"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(login("ada@example.com", "analytical-Engine-1843").status()).isEqualTo(200);
        assertThat(post("/v1/email/verify", token, Map.of("code", lastCode("ada@lovelace.example"))).status())
                .isEqualTo(200);
        assertThat(mailsTo("ada@example.com")).anySatisfy(text -> assertThat(text).contains("ada@lovelace.example"));

        // change the password: the old one stops working
        Answer passwordChanged = put("/v1/users/password", token, Map.of("current_password", "analytical-Engine-1843",
                "new_password", "difference-Engine-1822"));
        assertThat(passwordChanged.status()).isEqualTo(200);
        assertProblem(login("ada", "analytical-Engine-1843"), 401, "INVALID_CREDENTIALS");

        // reset the password by mailed code (the mail goes out in the background)
        int mailsBefore = MAIL.getReceivedMessages().length;
        assertThat(post("/v1/users/password-reset/request", null, Map.of("email", "ada@lovelace.example")).status())
                .isEqualTo(202);
        assertThat(MAIL.waitForIncomingEmail(60_000, mailsBefore + 1)).isTrue();
        String resetCode = lastCode("ada@lovelace.example");
        assertThat(post("/v1/users/password-reset/confirm", null, Map.of("email", "ada@lovelace.example",
                "code", resetCode, "new_password", "notes-on-the-Engine-1843")).status()).isEqualTo(204);
        assertProblem(get("/v1/users/profile", token), 401, "INVALID_TOKEN");
        token = login("ada@lovelace.example", "notes-on-the-Engine-1843").body().at("/session_token").asText();

        // delete the account: it is gone, and its name is free again
        assertThat(send("DELETE", "/v1/users/account", token, Map.of("password", "notes-on-the-Engine-1843",
                "reason", "moving on")).status()).isEqualTo(204);
        assertProblem(login("ada", "notes-on-the-Engine-1843"), 401, "INVALID_CREDENTIALS");
        assertThat(post("/v1/users/register", null, Map.of("username", "ada", "email", "ada@example.com",
                "password", "analytical-Engine-1843")).status()).isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void fiveBadPasswords_lockTheAccount(Store store) throws Exception {
        start(store);
        assertThat(post("/v1/users/register", null, Map.of("username", "bob", "email", "bob@example.com",
                "password", "Correct-Horse-Battery-9")).status()).isEqualTo(201);

        for (int i = 1; i <= 4; i++) {
            assertProblem(login("bob", "wrong-" + i), 401, "INVALID_CREDENTIALS");
        }
        assertProblem(login("bob", "wrong-5"), 423, "ACCOUNT_LOCKED");
        Answer locked = login("bob", "Correct-Horse-Battery-9");

        assertProblem(locked, 423, "ACCOUNT_LOCKED");
        assertThat(locked.body().at("/locked_until").asText()).isNotEmpty();
        assertThat(get("/ready", null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void aPayingServicesDay_billingVerificationAndUsage_surviveARestart(Store store) throws Exception {
        // usage is written only when the server stops, so what the second server reports proves the final flush
        Map<String, String> settings = Map.of("TOLLGATE_SERVICE_TOKEN", SERVICE_TOKEN,
                "TOLLGATE_USAGE_FLUSH_INTERVAL", "1h");
        start(store, settings);
        Answer registered = post("/v1/users/register", null, Map.of("username", "cyd", "email", "cyd@example.com",
                "password", "analytical-Engine-1843"));
        String userId = registered.body().at("/user/id").asText();
        String key = registered.body().at("/api_key/key").asText();
        String token = login("cyd", "analytical-Engine-1843").body().at("/session_token").asText();
        assertThat(post("/v1/email/verify", token, Map.of("code", lastCode("cyd@example.com"))).status()).isEqualTo(200);

        assertThat(put("/v1/billing/users/" + userId + "/subscription", SERVICE_TOKEN, Map.of("plan", "basic",
                "allowance_overrides", Map.of("credits", 4))).status()).isEqualTo(200);
        Answer toppedUp = post("/v1/billing/users/" + userId + "/top-ups", SERVICE_TOKEN,
                Map.of("meter", "credits", "amount", 3));
        assertThat(toppedUp.body().at("/balance/remaining").asLong()).isEqualTo(7);
        Answer first = post("/v1/keys/verify", SERVICE_TOKEN, Map.of("key", key, "cost", 5));
        Answer second = post("/v1/keys/verify", SERVICE_TOKEN, Map.of("key", key, "cost", 5));
        Answer third = post("/v1/keys/verify", SERVICE_TOKEN, Map.of("key", key, "cost", 2, "client_ip", "203.0.113.9"));

        assertThat(first.body().at("/valid").asBoolean()).isTrue();
        assertThat(first.body().at("/plan").asText()).isEqualTo("basic");
        assertThat(second.body().at("/reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(third.body().at("/meters/credits/remaining").asLong()).isZero();
        assertThat(get("/v1/users/usage", token).body().at("/daily").size()).as("nothing written yet").isZero();

        server.close();
        start(store, settings);
        token = login("cyd", "analytical-Engine-1843").body().at("/session_token").asText();
        JsonNode usage = get("/v1/users/usage?days=1", token).body();
        assertThat(usage.at("/plan").asText()).isEqualTo("basic");
        assertThat(usage.at("/meters/credits/remaining").asLong()).isZero();
        assertThat(usage.at("/daily")).hasSize(1);
        assertThat(usage.at("/daily/0/calls").asLong()).isEqualTo(3);
        assertThat(usage.at("/daily/0/granted").asLong()).isEqualTo(2);
        assertThat(usage.at("/daily/0/units").asLong()).isEqualTo(7);
    }

    /**
     * PostgreSQL refused a NUL and a year past 9999 with a data exception, which was answered 503
     * STORE_UNAVAILABLE; every store must answer 422 VALIDATION_FAILED naming the field, and keep nothing.
     */
    @ParameterizedTest
    @EnumSource(Store.class)
    void aNulOrAYearPast9999_isUnprocessableNamingTheField_andNothingIsKept(Store store) throws Exception {
        start(store);
        assertThat(post("/v1/users/register", null, Map.of("username", "ada", "email", "ada@example.com",
                "password", "analytical-Engine-1843")).status()).isEqualTo(201);
        String token = login("ada", "analytical-Engine-1843").body().at("/session_token").asText();

        assertUnprocessable(put("/v1/users/profile", token, Map.of("name", "Ada\u0000")), "name");
        assertUnprocessable(put("/v1/users/profile", token, Map.of("about_me", "a\u0000b")), "about_me");
        assertUnprocessable(post("/v1/users/api-keys", token, Map.of("name", "ci\u0000")), "name");
        assertUnprocessable(post("/v1/users/api-keys", token, Map.of("name", "ci",
                "expires_at", "+10000-01-01T00:00:00Z")), "expires_at");
        assertUnprocessable(send("DELETE", "/v1/users/account", token, Map.of("password", "analytical-Engine-1843",
                "reason", "bye\u0000")), "reason");

        Answer profile = get("/v1/users/profile", token);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.raw()).doesNotContain("\\u0000");
        assertThat(get("/v1/users/api-keys", token).body().path("api_keys").size()).as("only the primary key")
                .isEqualTo(1);
    }

    private static void assertUnprocessable(Answer answer, String field) {
        assertProblem(answer, 422, "VALIDATION_FAILED");
        assertThat(answer.body().path("errors").findValuesAsText("field")).contains(field);
    }

    private void start(Store store) {
        start(store, Map.of());
    }

    /** Starts a server on the store; a second start on PostgreSQL or MongoDB (the emulator) reuses the test's database. */
    private void start(Store store, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "TOLLGATE_HTTP_PORT", "0",
                "TOLLGATE_SMTP_HOST", "127.0.0.1",
                "TOLLGATE_SMTP_PORT", Integer.toString(MAIL.getSmtp().getPort()),
                "TOLLGATE_SMTP_TLS", "none",
                "TOLLGATE_MAIL_FROM", "tollgate@example.com",
                "TOLLGATE_DATA_DIR", dataDirectory.toString()));
        environment.putAll(extra);
        if (store == Store.POSTGRES) {
            PostgresTestServer postgres = PostgresTestServer.instance();
            if (postgresDatabase == null) {
                postgresDatabase = postgres.createDatabase();
            }
            environment.put("TOLLGATE_STORE", "postgres");
            environment.put("TOLLGATE_DB_URL", postgres.url(postgresDatabase));
            if (postgres.user() != null) {
                environment.put("TOLLGATE_DB_USER", postgres.user());
            }
            if (postgres.password() != null) {
                environment.put("TOLLGATE_DB_PASSWORD", postgres.password());
            }
        }
        if (store == Store.MONGO) {
            if (mongoDatabase == null) {
                mongoDatabase = MongoTestServer.freshDatabase();
            }
            environment.put("TOLLGATE_STORE", "mongo");
            environment.put("TOLLGATE_DB_URL", MongoTestServer.emulatorUrl() + "/" + mongoDatabase);
        }
        server = ServerLauncher.start(ServerConfiguration.read(environment, Map.of()));
    }

    private Answer login(String login, String password) throws IOException, InterruptedException {
        return post("/v1/users/login", null, Map.of("login", login, "password", password));
    }

    private String lastCode(String address) throws Exception {
        String text = mailsTo(address).stream().reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no mail to " + address));
        Matcher matcher = CODE.matcher(text);
        assertThat(matcher.find()).as("a code in the mail to " + address).isTrue();
        return matcher.group(1);
    }

    private List<String> mailsTo(String address) throws Exception {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : MAIL.getReceivedMessagesForDomain(address)) {
            texts.add(GreenMailUtil.getBody(message));
        }
        return texts;
    }

    private static void assertProblem(Answer answer, int status, String code) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().at("/code").asText()).isEqualTo(code);
        assertThat(answer.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Answer get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null);
    }

    private Answer post(String path, String token, Map<String, ?> body) throws IOException, InterruptedException {
        return send("POST", path, token, body);
    }

    private Answer put(String path, String token, Map<String, ?> body) throws IOException, InterruptedException {
        return send("PUT", path, token, body);
    }

    private Answer send(String method, String path, String token, Map<String, ?> body)
            throws IOException, InterruptedException {
        return JsonExchange.send(client, server.port(), method, path, token, body);
    }

}
