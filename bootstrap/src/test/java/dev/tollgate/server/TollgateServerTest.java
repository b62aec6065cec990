package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(help).contains("--config FILE", "--version");
        for (Setting setting : ServerConfiguration.SETTINGS) {
            assertThat(help).contains(setting.name());
        }
        assertThat(help).contains("TOLLGATE_HTTP_PORT").contains("[8080]").contains("TOLLGATE_DB_PASSWORD")
                .contains("[secret]");
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
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("TOLLGATE_STORE: must be one of sqlite, postgres, memory");

        err.reset();
        assertThat(run(Map.of(), "--config", directory.resolve("missing.properties").toString()))
                .isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--config: no such file");
    }

    @Test
    void unknownArguments_areRefused() {
        assertThat(run(Map.of(), "--port", "9000")).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--port'");
    }

    private int run(Map<String, String> environment, String... args) {
        return TollgateServer.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
