package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TollgateServerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void help_listsTheCommandsAndEverySettingWithItsDefault() {
        assertThat(run(Map.of(), "--help")).isZero();

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("Usage: tollgate-server", "--config=FILE", "--version", "java -jar tollgate-server.jar");
        assertThat(help.lines().map(String::strip)).anyMatch(line -> line.startsWith("serve "))
                .anyMatch(line -> line.startsWith("config "));
        for (Setting setting : ServerConfiguration.SETTINGS) {
            assertThat(help).contains(setting.name());
        }
        assertThat(help).contains("TOLLGATE_HTTP_PORT").contains("[8080]").contains("TOLLGATE_DB_PASSWORD")
                .contains("_FILE").contains("the environment overrides it");
    }

    @Test
    void help_showsNoneAsTheDefaultOfASecret_notAPlaceholderThatReadsAsAValue() {
        assertThat(run(Map.of(), "--help")).isZero();

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).doesNotContain("[secret]");
        assertThat(help.lines().filter(line -> line.strip().startsWith("TOLLGATE_DB_PASSWORD ")))
                .singleElement().asString().endsWith("[none]").contains("or TOLLGATE_DB_PASSWORD_FILE");
    }

    @Test
    void aWildcardCorsOrigin_stopsStartUp_withOneLineAndStatusTwo_notAStackTrace(@TempDir Path directory) {
        int status = run(Map.of("TOLLGATE_CORS_ORIGINS", "*", "TOLLGATE_STORE", "memory", "TOLLGATE_HTTP_PORT", "0",
                "TOLLGATE_DATA_DIR", directory.resolve("data").toString()));

        assertThat(status).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("configuration error: TOLLGATE_CORS_ORIGINS: '*' is not an origin");
    }

    @Test
    void severalBadSettings_areReportedTogether_oneLineEach() {
        int status = run(Map.of("TOLLGATE_HTTP_PORT", "eighty", "TOLLGATE_STORE", "oracle", "TOLLGATE_HTTP_PROT", "1"));

        assertThat(status).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "configuration error: TOLLGATE_HTTP_PROT: not a setting of Tollgate in the environment; did you mean "
                        + "TOLLGATE_HTTP_PORT? (see --help for the list)",
                "configuration error: TOLLGATE_STORE: must be one of sqlite, postgres, mongo, memory, was 'oracle'",
                "configuration error: TOLLGATE_HTTP_PORT: must be a whole number from 0 to 65535, was 'eighty'");
    }

    @Test
    void anUnreadableSecretFile_stopsStartUp_naming_theSettingAndThePath(@TempDir Path directory) {
        Path missing = directory.resolve("no-such-secret");

        assertThat(run(Map.of("TOLLGATE_MASTER_KEY_FILE", missing.toString()))).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("configuration error: TOLLGATE_MASTER_KEY_FILE: "
                + "cannot read " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void aPortInUse_stopsStartUp_withOneLineNamingTheAddress_beforeTheStoreIsOpened(@TempDir Path directory)
            throws IOException {
        Path data = directory.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();

            int status = run(Map.of("TOLLGATE_HTTP_PORT", Integer.toString(taken.getLocalPort()),
                    "TOLLGATE_DATA_DIR", data.toString()));

            assertThat(status).isEqualTo(TollgateServer.START_FAILURE);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                    .isEqualTo("tollgate could not start: cannot listen on " + address
                            + " (TOLLGATE_HTTP_HOST, TOLLGATE_HTTP_PORT): the address is already in use");
            assertThat(data).as("the store was not opened").doesNotExist();
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectory_isRefused_withOneLineNamingIt(@TempDir Path directory) {
        Path data = directory.resolve("data");
        Map<String, String> environment = Map.of("TOLLGATE_HTTP_PORT", "0", "TOLLGATE_DATA_DIR", data.toString());
        try (RunningServer first = ServerLauncher.start(ServerConfiguration.read(environment, Map.of()))) {
            int status = run(environment);

            assertThat(status).isEqualTo(TollgateServer.START_FAILURE);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                    .startsWith("tollgate could not start: SQLite store: the database in " + data.toAbsolutePath()
                            + " is in use by this process");
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void version_printsTheBuildVersion() {
        assertThat(run(Map.of(), "--version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).matches("tollgate \\S+\\R");
    }

    @Test
    void aBadSetting_stopsStartUp_withOneLineNamingIt_andStatusTwo() {
        assertThat(run(Map.of("TOLLGATE_HTTP_PORT", "eighty"))).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "configuration error: TOLLGATE_HTTP_PORT: must be a whole number from 0 to 65535, was 'eighty'"
                        + System.lineSeparator());
    }

    @Test
    void theConfigFile_isRead_andAMissingOneIsAConfigurationError(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("tollgate.properties");
        Files.writeString(file, "TOLLGATE_STORE=oracle\n");

        assertThat(run(Map.of(), "--config", file.toString())).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOLLGATE_STORE: must be one of sqlite, postgres, mongo, memory");

        err.reset();
        assertThat(run(Map.of(), "--config", directory.resolve("missing.properties").toString()))
                .isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--config: no such file");
    }

    @Test
    void anUnknownOption_isRefused_withOneLineOnStandardError_andStatusTwo() {
        assertThat(run(Map.of(), "--port", "9000")).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains("Unknown option", "'--port'").endsWith("see tollgate-server --help");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMistypedOption_isRefused_withTheNearestOption() {
        assertThat(run(Map.of(), "--confg", "tollgate.properties")).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'--confg'").contains("--config");
    }

    @Test
    void anUnknownOptionOfASubcommand_namesTheSubcommandsHelp() {
        assertThat(run(Map.of(), "config", "check", "--verbose")).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains("'--verbose'", "see tollgate-server config check --help");
    }

    @Test
    void configWithoutASubcommand_isAUsageError() {
        assertThat(run(Map.of(), "config")).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("see tollgate-server config --help");
    }

    @Test
    void configOptionWithoutAFile_isAUsageError() {
        assertThat(run(Map.of(), "--config")).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--config").contains("FILE");
    }

    @Test
    void serveHelp_isGenerated_andListsTheSettings() {
        assertThat(run(Map.of(), "serve", "--help")).isZero();

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: tollgate-server serve").contains("--config=FILE", "TOLLGATE_HTTP_PORT");
    }

    @Test
    void configCheckHelp_isGenerated() {
        assertThat(run(Map.of(), "config", "check", "--help")).isZero();

        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).startsWith("Usage: tollgate-server config check").contains("--config=FILE", "--help",
                "configuration OK");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theServeCommand_startsUpAsWithoutACommand() {
        assertThat(run(Map.of("TOLLGATE_HTTP_PORT", "eighty"), "serve")).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "configuration error: TOLLGATE_HTTP_PORT: must be a whole number from 0 to 65535, was 'eighty'"
                        + System.lineSeparator());
    }

    @Test
    void theServeCommand_readsItsConfigFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("tollgate.properties");
        Files.writeString(file, "TOLLGATE_STORE=oracle\n");

        assertThat(run(Map.of(), "serve", "--config", file.toString())).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOLLGATE_STORE: must be one of sqlite, postgres, mongo, memory");
    }

    @Test
    void theConfigOption_mayStandBeforeOrAfterTheCommand(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("tollgate.properties");
        Files.writeString(file, "TOLLGATE_STORE=oracle\n");
        String refused = "configuration error: TOLLGATE_STORE: must be one of sqlite, postgres, mongo, memory, was 'oracle'"
                + System.lineSeparator();

        for (String[] args : List.of(new String[] {"--config", file.toString(), "serve"},
                new String[] {"--config", file.toString(), "config", "check"},
                new String[] {"config", "--config", file.toString(), "check"},
                new String[] {"config", "check", "--config", file.toString()})) {
            err.reset();
            assertThat(run(Map.of(), args)).as(String.join(" ", args)).isEqualTo(TollgateServer.USAGE_ERROR);
            assertThat(err.toString(StandardCharsets.UTF_8)).as(String.join(" ", args)).isEqualTo(refused);
        }
    }

    @Test
    void versionOfASubcommand_printsTheBuildVersion() {
        assertThat(run(Map.of(), "config", "check", "--version")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).matches("tollgate \\S+\\R");
    }

    private int run(Map<String, String> environment, String... args) {
        return TollgateServer.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
