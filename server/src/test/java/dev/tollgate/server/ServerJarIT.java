package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sqlite.SqliteStores;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar, run as an operator runs it ({@code java -jar tollgate-server.jar} as a child
 * process): what only the shaded jar can get wrong (its classpath, its logging) and what only a
 * second process can show (the SQLite lock, a port taken by another process).
 */
class ServerJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PASSWORD = "analytical-Engine-1843";

    @TempDir
    Path workingDirectory;

    private ServerJar first;
    private ServerJar second;

    @AfterEach
    void stop() {
        for (ServerJar server : new ServerJar[] {second, first}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aLegacyBcryptHash_logsInThroughTheJar_andIsReplacedByArgon2id() throws Exception {
        Path data = workingDirectory.resolve("data");
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        UserRecord legacy = UserRecords.aUser().withUsername("legacy").withEmail("legacy@example.com")
                .withPasswordHash(OpenBSDBCrypt.generate("2b", PASSWORD.toCharArray(), salt, 6)).build();
        try (SqlDatabase database = SqliteStores.inDirectory(data)) {
            database.stores().users().insert(legacy);
        }
        assertThat(legacy.passwordHash()).startsWith("$2b$");

        first = ServerJar.start(workingDirectory, environment(data)).awaitReady();
        HttpResponse<String> login = post(first, "/v1/users/login", Map.of("login", "legacy", "password", PASSWORD));

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        JsonNode tokens = JSON.readTree(login.body());
        assertThat(tokens.at("/session_token").asText()).isNotBlank();
        assertThat(tokens.at("/refresh_token").asText()).isNotBlank();
        assertThat(post(first, "/v1/users/login", Map.of("login", "legacy", "password", PASSWORD)).statusCode())
                .as("and again, with the new hash").isEqualTo(200);
        first.close();
        try (SqlDatabase database = SqliteStores.inDirectory(data)) {
            assertThat(database.stores().users().findById(legacy.ref()).orElseThrow().passwordHash())
                    .startsWith("$argon2id$");
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectory_isRefused_withOneLine_whileTheFirstServes() throws Exception {
        Path data = workingDirectory.resolve("data");
        first = ServerJar.start(workingDirectory, environment(data)).awaitReady();

        second = ServerJar.start(workingDirectory, environment(data));

        assertThat(second.awaitExit()).as(second.output()).isEqualTo(TollgateServer.START_FAILURE);
        assertThat(second.stderr()).as(second.output()).singleElement().asString()
                .startsWith("tollgate could not start: SQLite store: the database in " + data.toAbsolutePath()
                        + " is in use by another process");
        assertThat(get(first, "/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void aPortInUse_endsStartUp_withOneLineNamingTheAddress_beforeTheStoreIsOpened() throws Exception {
        Path data = workingDirectory.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> environment = environment(data);
            environment.put("TOLLGATE_HTTP_PORT", Integer.toString(taken.getLocalPort()));

            first = ServerJar.start(workingDirectory, environment);

            assertThat(first.awaitExit()).as(first.output()).isEqualTo(TollgateServer.START_FAILURE);
            assertThat(first.stderr()).as(first.output()).containsExactly("tollgate could not start: cannot listen on "
                    + "127.0.0.1:" + taken.getLocalPort() + " (TOLLGATE_HTTP_HOST, TOLLGATE_HTTP_PORT): the address is "
                    + "already in use");
            assertThat(data).as("the store was never opened").doesNotExist();
        }
    }

    @Test
    void badSettings_endStartUp_withStatusTwo_andOneLineEach_noStackTrace() {
        Path data = workingDirectory.resolve("data");
        Map<String, String> environment = environment(data);
        environment.put("TOLLGATE_CORS_ORIGINS", "*");
        environment.put("TOLLGATE_HTTP_PROT", "9000");

        first = ServerJar.start(workingDirectory, environment);

        assertThat(first.awaitExit()).as(first.output()).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(first.stderr()).as(first.output()).containsExactly(
                "configuration error: TOLLGATE_HTTP_PROT: not a setting of Tollgate in the environment; did you mean "
                        + "TOLLGATE_HTTP_PORT? (see --help for the list)",
                "configuration error: TOLLGATE_CORS_ORIGINS: '*' is not an origin; list origins as scheme://host[:port] "
                        + "(e.g. https://app.example.com), comma-separated (wildcards are not supported)");
        assertThat(data).doesNotExist();
    }

    @Test
    void theMasterKeyWarning_andAnUndeliveredMail_areJsonWarningsOnStandardOutput_withTheReason() throws Exception {
        Map<String, String> environment = environment(workingDirectory.resolve("data"));
        environment.put("TOLLGATE_SMTP_HOST", "127.0.0.1");
        environment.put("TOLLGATE_SMTP_PORT", Integer.toString(ServerJar.freePort()));
        environment.put("TOLLGATE_SMTP_TLS", "none");
        first = ServerJar.start(workingDirectory, environment).awaitReady();

        HttpResponse<String> registered = post(first, "/v1/users/register", Map.of("username", "ada",
                "email", "ada@example.com", "password", PASSWORD, "name", "Ada"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        String masterKey = first.awaitStdout(line -> line.contains("no master key"), "the master-key warning");
        String mail = first.awaitStdout(line -> line.contains("not delivered"), "the undelivered mail");
        first.close();

        for (String line : first.stdout()) {
            assertThat(parse(line).isObject()).as(line).isTrue();
        }
        assertThat(parse(masterKey).at("/level").asText()).isEqualTo("WARN");
        JsonNode undelivered = parse(mail);
        assertThat(undelivered.at("/level").asText()).isEqualTo("WARN");
        assertThat(undelivered.at("/message").asText())
                .contains("verification-code mail to example.com not delivered after")
                .contains("connection refused")
                .doesNotContainPattern("\\b\\d{6}\\b")
                .doesNotContain("ada@example.com");
        assertThat(first.stderr()).noneMatch(line -> line.contains("master key") || line.contains("not delivered")
                || line.contains("WARNING"));
    }

    @Test
    void theCommandLine_ofTheJar_helpsChecksTheConfiguration_andRefusesAnUnknownOption() {
        ServerJar help = ServerJar.start(workingDirectory, environment(workingDirectory.resolve("data")), "--help");
        assertThat(help.awaitExit()).as(help.output()).isZero();
        assertThat(String.join("\n", help.stdout())).contains("Usage: tollgate-server", "serve", "config",
                "TOLLGATE_HTTP_PORT");

        ServerJar checkHelp = ServerJar.start(workingDirectory, Map.of(), "config", "check", "--help");
        assertThat(checkHelp.awaitExit()).as(checkHelp.output()).isZero();
        assertThat(checkHelp.stdout()).first().asString().startsWith("Usage: tollgate-server config check");

        Map<String, String> good = environment(workingDirectory.resolve("data"));
        good.put("TOLLGATE_DB_PASSWORD", "never-shown-db-password");
        ServerJar ok = ServerJar.start(workingDirectory, good, "config", "check");
        assertThat(ok.awaitExit()).as(ok.output()).isZero();
        assertThat(ok.stdout()).first().isEqualTo("configuration OK");
        assertThat(ok.output()).doesNotContain("never-shown-db-password");
        assertThat(workingDirectory.resolve("data")).as("the store was never opened").doesNotExist();

        Map<String, String> bad = environment(workingDirectory.resolve("data"));
        bad.put("TOLLGATE_LOCKOUT_DURATION", "forever");
        bad.put("TOLLGATE_STORE", "oracle");
        bad.put("TOLLGATE_SERVICE_TOKEN", "never-shown-but-too-short");
        ServerJar refused = ServerJar.start(workingDirectory, bad, "config", "check");
        assertThat(refused.awaitExit()).as(refused.output()).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(refused.stderr()).as(refused.output()).hasSize(3).allMatch(line -> line.startsWith("configuration error: "));
        assertThat(refused.output()).doesNotContain("never-shown-but-too-short");

        ServerJar unknown = ServerJar.start(workingDirectory, Map.of(), "--port", "9000");
        assertThat(unknown.awaitExit()).as(unknown.output()).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(unknown.stderr()).singleElement().asString().contains("'--port'");
        assertThat(unknown.stdout()).isEmpty();
    }

    @Test
    void anAdminCreatedOnTheCommandLine_withThePasswordOnStandardInput_logsIn_andListsTheUsersOverHttp_atOnce()
            throws Exception {
        Path data = workingDirectory.resolve("data");
        ServerJar create = ServerJar.start(workingDirectory, environment(data), "admin", "create", "--email",
                "root@example.com", "--username", "root", "--role", "super_admin").input(PASSWORD + "\n");

        assertThat(create.awaitExit()).as(create.output()).isZero();
        assertThat(create.stdout()).as("only the answer; the log is on standard error").singleElement().asString()
                .startsWith("created super_admin root <root@example.com> in tenant default");
        assertThat(create.output()).doesNotContain(PASSWORD);

        first = ServerJar.start(workingDirectory, environment(data)).awaitReady();
        assertThat(first.stdout()).noneMatch(line -> line.contains("/v1/admin/setup"));
        assertThat(workingDirectory.resolve("data").resolve(FirstStart.TOKEN_FILE)).doesNotExist();
        // the operator vouched for the address: staff powers at once, with no mail server at hand
        HttpResponse<String> login = post(first, "/v1/users/login", Map.of("login", "root", "password", PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String session = JSON.readTree(login.body()).at("/session_token").asText();

        HttpResponse<String> users = HTTP.send(HttpRequest.newBuilder(first.uri("/v1/admin/users?q=ro"))
                .timeout(ServerJar.WAIT).header("Authorization", "Bearer " + session).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        JsonNode listed = JSON.readTree(users.body());
        assertThat(listed.at("/items/0/user/username").asText()).as(users.body()).isEqualTo("root");
        assertThat(listed.at("/items/0/staff_role").asText()).as(users.body()).isEqualTo("super_admin");
    }

    /** A clean environment: only what the server is to see (no TOLLGATE_TEST_* of the build). */
    private static Map<String, String> environment(Path data) {
        Map<String, String> environment = new HashMap<>();
        environment.put("TOLLGATE_DATA_DIR", data.toString());
        return environment;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }

    private static HttpResponse<String> get(ServerJar server, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).timeout(ServerJar.WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ServerJar server, String path, Map<String, ?> body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).timeout(ServerJar.WAIT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
