package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tollgate-server config check}, run in-process as from a shell. */
class ConfigCheckCommandTest {

    private static final String DB_PASSWORD = "db-password-never-shown";
    private static final String SERVICE_TOKEN = "service-token-never-shown-0123456789abcdef";
    private static final String SMTP_PASSWORD = "smtp-password-never-shown";
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            "master-key-never-shown-32-bytes-long!".getBytes(StandardCharsets.UTF_8));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path directory;

    @Test
    void aGoodConfiguration_isOk_withEverySettingInForce_andTheSecretsNamedButNotShown() {
        int status = run(Map.of("TOLLGATE_STORE", "postgres",
                "TOLLGATE_DB_URL", "jdbc:postgresql://db.internal/tollgate?user=tollgate&password=" + DB_PASSWORD,
                "TOLLGATE_DB_PASSWORD", DB_PASSWORD, "TOLLGATE_SERVICE_TOKEN", SERVICE_TOKEN,
                "TOLLGATE_MASTER_KEY", MASTER_KEY, "TOLLGATE_SMTP_HOST", "smtp.example.com",
                "TOLLGATE_SMTP_USERNAME", "mailer", "TOLLGATE_SMTP_PASSWORD", SMTP_PASSWORD,
                "TOLLGATE_HTTP_PORT", "9000"), "config", "check");

        assertThat(status).as(errors()).isZero();
        List<String> lines = output().lines().toList();
        assertThat(lines.get(0)).isEqualTo("configuration OK");
        assertThat(lines).contains("TOLLGATE_HTTP_PORT=9000", "TOLLGATE_STORE=postgres", "TOLLGATE_SMTP_HOST=smtp.example.com",
                "TOLLGATE_SMTP_USERNAME=mailer", "TOLLGATE_DATA_DIR=./tollgate-data", "TOLLGATE_LOCKOUT_MAX_FAILURES=5",
                "TOLLGATE_DB_URL=jdbc:postgresql://db.internal/tollgate?user=****&password=****");
        assertThat(lines).last().isEqualTo("secrets set (never shown): TOLLGATE_SERVICE_TOKEN, TOLLGATE_DB_PASSWORD, "
                + "TOLLGATE_SMTP_PASSWORD, TOLLGATE_MASTER_KEY");
        ServerConfiguration.SETTINGS.stream().filter(setting -> !setting.secret()).forEach(setting ->
                assertThat(lines).as(setting.name()).anyMatch(line -> line.startsWith(setting.name() + "=")));
        assertNoSecretPrinted();
        assertThat(errors()).isEmpty();
    }

    @Test
    void theDefaults_areOk_withNoSecretSet() {
        assertThat(run(Map.of(), "config", "check")).isZero();

        assertThat(output()).startsWith("configuration OK").contains("TOLLGATE_HTTP_HOST=127.0.0.1")
                .endsWith("secrets set (never shown): none" + System.lineSeparator());
    }

    @Test
    void aGoodFile_isOk_andTheEnvironmentOverridesIt() throws IOException {
        Path file = directory.resolve("tollgate.properties");
        Files.writeString(file, "TOLLGATE_HTTP_PORT=9000\nTOLLGATE_TENANT=acme\nTOLLGATE_DB_PASSWORD=" + DB_PASSWORD + "\n");

        int status = run(Map.of("TOLLGATE_HTTP_PORT", "9001"), "config", "check", "--config", file.toString());

        assertThat(status).as(errors()).isZero();
        assertThat(output().lines()).contains("TOLLGATE_HTTP_PORT=9001", "TOLLGATE_TENANT=acme")
                .last().asString().contains("TOLLGATE_DB_PASSWORD");
        assertNoSecretPrinted();
    }

    @Test
    void aSecretFromItsFile_isReadAndCounted_butNotShown() throws IOException {
        Path secret = directory.resolve("db-password");
        Files.writeString(secret, DB_PASSWORD + "\n");

        assertThat(run(Map.of("TOLLGATE_DB_PASSWORD_FILE", secret.toString()), "config", "check")).isZero();

        assertThat(output().lines()).last().isEqualTo("secrets set (never shown): TOLLGATE_DB_PASSWORD");
        assertNoSecretPrinted();
    }

    @Test
    void aBadEnvironment_listsEveryProblemAtOnce_withStatusTwo_andNoSecret() {
        int status = run(Map.of("TOLLGATE_HTTP_PORT", "eighty", "TOLLGATE_STORE", "postgres",
                "TOLLGATE_HTTP_PROT", "1", "TOLLGATE_SERVICE_TOKEN", "short-" + DB_PASSWORD,
                "TOLLGATE_MASTER_KEY", "not base64: " + SMTP_PASSWORD, "TOLLGATE_SMTP_HOST", "smtp.example.com",
                "TOLLGATE_SMTP_PASSWORD", SMTP_PASSWORD), "config", "check");

        assertThat(status).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(errors().lines()).containsExactlyInAnyOrder(
                "configuration error: TOLLGATE_HTTP_PROT: not a setting of Tollgate in the environment; did you mean "
                        + "TOLLGATE_HTTP_PORT? (see --help for the list)",
                "configuration error: TOLLGATE_DB_URL: required when TOLLGATE_STORE is postgres",
                "configuration error: TOLLGATE_HTTP_PORT: must be a whole number from 0 to 65535, was 'eighty'",
                "configuration error: TOLLGATE_SERVICE_TOKEN: needs at least 32 characters, has "
                        + ("short-" + DB_PASSWORD).length() + " (make one with: head -c 32 /dev/urandom | base64)",
                "configuration error: TOLLGATE_SMTP_USERNAME: required when TOLLGATE_SMTP_PASSWORD is set",
                "configuration error: TOLLGATE_MASTER_KEY: not base64");
        assertThat(output()).isEmpty();
        assertNoSecretPrinted();
    }

    @Test
    void aBadFile_isReportedAsStartUpReportsIt() throws IOException {
        Path file = directory.resolve("tollgate.properties");
        Files.writeString(file, "TOLLGATE_STORE=oracle\nTOLLGATE_LOCKOUT_DURATION=forever\n");

        assertThat(run(Map.of(), "config", "check", "--config", file.toString())).isEqualTo(TollgateServer.USAGE_ERROR);
        String checked = errors();
        err.reset();
        assertThat(run(Map.of(), "--config", file.toString())).isEqualTo(TollgateServer.USAGE_ERROR);

        assertThat(checked).isEqualTo(errors()).contains(
                "configuration error: TOLLGATE_STORE: must be one of sqlite, postgres, mongo, memory, was 'oracle'",
                "configuration error: TOLLGATE_LOCKOUT_DURATION: must be a positive duration");
    }

    @Test
    void theSecuritySettings_areShownWithTheirDefaults_andABadOneIsOneLineNamingIt() {
        assertThat(run(Map.of("TOLLGATE_PASSWORD_HISTORY", "5"), "config", "check")).as(errors()).isZero();

        assertThat(output().lines()).contains("TOLLGATE_MFA_ISSUER=Tollgate", "TOLLGATE_MFA_MAX_FAILURES=5",
                "TOLLGATE_MFA_LOCK_DURATION=15m", "TOLLGATE_MFA_CHALLENGE_LIFETIME=5m",
                "TOLLGATE_MFA_REQUIRED_ROLES=(none)", "TOLLGATE_MFA_REQUIRED_TENANTS=(none)",
                "TOLLGATE_PASSWORD_HISTORY=5", "TOLLGATE_PASSWORD_MAX_AGE=off", "TOLLGATE_NEW_DEVICE_MAIL=on",
                "TOLLGATE_IP_ALLOWLIST=off", "TOLLGATE_AUTO_BLOCK_AFTER=0", "TOLLGATE_AUTO_BLOCK_WINDOW=1h",
                "TOLLGATE_AUTO_BLOCK_FOR=1h");

        out.reset();
        assertThat(run(Map.of("TOLLGATE_MFA_REQUIRED_ROLES", "owner", "TOLLGATE_MASTER_KEY", MASTER_KEY,
                "TOLLGATE_MFA_CHALLENGE_LIFETIME", "1h"), "config", "check")).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(errors().lines()).containsExactlyInAnyOrder(
                "configuration error: TOLLGATE_MFA_CHALLENGE_LIFETIME: must be from 30s to 30m, was '1h'",
                "configuration error: TOLLGATE_MFA_REQUIRED_ROLES: 'owner' is not a staff role; the roles are "
                        + "support_new, support, support_advanced, admin, super_admin");
        assertThat(output()).isEmpty();
        assertNoSecretPrinted();
    }

    @Test
    void aRequiredRole_isCheckedAgainstTheRolesFile() throws IOException {
        Path roles = directory.resolve("roles.json");
        Files.writeString(roles, """
                {"roles": [{"name": "operator", "permissions": ["users.read"], "credit_cap": 0, "all_tenants": false},
                           {"name": "owner", "permissions": [%s], "credit_cap": "unlimited", "all_tenants": true}]}
                """.formatted(java.util.Arrays.stream(dev.tollgate.port.Permission.values())
                .map(permission -> "\"" + permission.id() + "\"").collect(java.util.stream.Collectors.joining(", "))));

        assertThat(run(Map.of("TOLLGATE_ROLES_FILE", roles.toString(), "TOLLGATE_MASTER_KEY", MASTER_KEY,
                "TOLLGATE_MFA_REQUIRED_ROLES", "owner"), "config", "check")).as(errors()).isZero();
        assertThat(output().lines()).contains("TOLLGATE_MFA_REQUIRED_ROLES=owner");

        assertThat(run(Map.of("TOLLGATE_ROLES_FILE", roles.toString(), "TOLLGATE_MASTER_KEY", MASTER_KEY,
                "TOLLGATE_MFA_REQUIRED_ROLES", "admin"), "config", "check")).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(errors()).isEqualTo("configuration error: TOLLGATE_MFA_REQUIRED_ROLES: 'admin' is not a staff "
                + "role; the roles are operator, owner (from TOLLGATE_ROLES_FILE)" + System.lineSeparator());
    }

    @Test
    void aMissingFile_isAConfigurationError() {
        Path missing = directory.resolve("missing.properties");

        assertThat(run(Map.of(), "config", "check", "--config", missing.toString()))
                .isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(errors()).isEqualTo("configuration error: --config: no such file " + missing + System.lineSeparator());
    }

    @Test
    void aBadPlansFile_isFound_asAtStartUp() throws IOException {
        Path plans = directory.resolve("plans.json");
        Files.writeString(plans, "{\"plans\": [}");

        assertThat(run(Map.of("TOLLGATE_PLANS_FILE", plans.toString()), "config", "check"))
                .isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(errors()).startsWith("configuration error: TOLLGATE_PLANS_FILE: " + plans);
    }

    private void assertNoSecretPrinted() {
        for (String secret : List.of(DB_PASSWORD, SERVICE_TOKEN, SMTP_PASSWORD, MASTER_KEY)) {
            assertThat(output()).doesNotContain(secret);
            assertThat(errors()).doesNotContain(secret);
        }
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private int run(Map<String, String> environment, String... args) {
        return TollgateServer.run(args, environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
