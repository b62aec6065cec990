package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.settings.MfaSettings;
import dev.tollgate.port.settings.NetworkSettings;
import dev.tollgate.port.settings.PasswordAgeSettings;
import dev.tollgate.port.settings.SecuritySettings;
import dev.tollgate.port.settings.TollgateSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigurationTest {

    @Test
    void withNothingSet_theDefaultsServeSqliteOnLoopbackWithTheConsoleMailer() {
        ServerConfiguration config = ServerConfiguration.read(Map.of(), Map.of());

        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.store()).isEqualTo(ServerConfiguration.StoreKind.SQLITE);
        assertThat(config.dataDirectory()).isEqualTo(Path.of("./tollgate-data"));
        assertThat(config.smtp()).isEmpty();
        assertThat(config.tenant()).isEqualTo(TenantId.DEFAULT);
        assertThat(config.masterKey()).isNull();
        assertThat(config.inProcessRateLimits()).isFalse();
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_RATE_LIMITS", "in-process"), Map.of()).inProcessRateLimits())
                .isTrue();
        assertThat(config.settings()).isEqualTo(TollgateSettings.defaults()
                .withHashing(TollgateSettings.defaults().hashing()));
    }

    @Test
    void theEnvironment_overridesTheConfigFile_whichOverridesTheDefaults() {
        Map<String, String> environment = Map.of("TOLLGATE_HTTP_PORT", "9000");
        Map<String, String> file = Map.of("TOLLGATE_HTTP_PORT", "9100", "TOLLGATE_HTTP_HOST", "0.0.0.0");

        ServerConfiguration config = ServerConfiguration.read(environment, file);

        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(ServerConfiguration.describe(environment, file)).containsEntry("TOLLGATE_HTTP_PORT", "9000")
                .containsEntry("TOLLGATE_HTTP_HOST", "0.0.0.0");
    }

    @Test
    void domainSettings_areRead_withReadableDurations() {
        ServerConfiguration config = ServerConfiguration.read(Map.of(
                "TOLLGATE_PASSWORD_MIN_LENGTH", "15",
                "TOLLGATE_LOCKOUT_MAX_FAILURES", "10",
                "TOLLGATE_LOCKOUT_DURATION", "30m",
                "TOLLGATE_SESSION_IDLE_TIMEOUT", "PT45M",
                "TOLLGATE_SESSION_ACCESS_LIFETIME", "2h",
                "TOLLGATE_CODE_RESET_LIFETIME", "600s",
                "TOLLGATE_HASHING_MAX_WAIT", "1500ms",
                "TOLLGATE_USAGE_FULL_QUEUE_WAIT", "250ms",
                "TOLLGATE_ALLOW_UNVERIFIED_LOGIN", "false"), Map.of());

        TollgateSettings settings = config.settings();
        assertThat(settings.passwordPolicy().minLength()).isEqualTo(15);
        assertThat(settings.lockout().maxFailures()).isEqualTo(10);
        assertThat(settings.lockout().lockDuration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.sessions().idleTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(settings.sessions().accessLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.codes().resetLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.hashing().maxWait()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.usage().fullQueueWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.allowUnverifiedLogin()).isFalse();
        assertThat(ServerConfiguration.read(Map.of(), Map.of()).settings().usage().fullQueueWait())
                .as("by default a full usage queue drops at once").isZero();
    }

    @Test
    void enumerationSafeRegistration_isOffByDefault_andSwitchedOnByItsSetting() {
        assertThat(ServerConfiguration.read(Map.of(), Map.of()).httpSettings().enumerationSafeRegistration()).isFalse();

        ServerConfiguration config = ServerConfiguration.read(
                Map.of("TOLLGATE_REGISTRATION_ENUMERATION_SAFE", "true"), Map.of());

        assertThat(config.httpSettings().enumerationSafeRegistration()).isTrue();
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_REGISTRATION_ENUMERATION_SAFE", "maybe"),
                Map.of())).hasMessageContaining("TOLLGATE_REGISTRATION_ENUMERATION_SAFE");
    }

    @Test
    void smtpAndMail_areRead() {
        ServerConfiguration config = ServerConfiguration.read(Map.of(
                "TOLLGATE_SMTP_HOST", "smtp.example.com", "TOLLGATE_SMTP_PORT", "465", "TOLLGATE_SMTP_TLS", "implicit",
                "TOLLGATE_SMTP_USERNAME", "mailer", "TOLLGATE_SMTP_PASSWORD", "s3cret",
                "TOLLGATE_MAIL_FROM", "No-Reply@Example.com"), Map.of());

        assertThat(config.smtp()).hasValueSatisfying(smtp -> {
            assertThat(smtp.host()).isEqualTo("smtp.example.com");
            assertThat(smtp.port()).isEqualTo(465);
            assertThat(smtp.tls()).isEqualTo("implicit");
            assertThat(smtp.toString()).doesNotContain("s3cret");
        });
        assertThat(config.mailFrom()).isEqualTo(Email.of("no-reply@example.com"));
    }

    @Test
    void badValues_areRefusedInOneLineNamingTheSetting() {
        assertRefused(Map.of("TOLLGATE_HTTP_PORT", "eighty"),
                "TOLLGATE_HTTP_PORT: must be a whole number from 0 to 65535, was 'eighty'");
        assertRefused(Map.of("TOLLGATE_STORE", "oracle"),
                "TOLLGATE_STORE: must be one of sqlite, postgres, mongo, memory, was 'oracle'");
        assertRefused(Map.of("TOLLGATE_STORE", "postgres"), "TOLLGATE_DB_URL: required when TOLLGATE_STORE is postgres");
        assertRefused(Map.of("TOLLGATE_STORE", "mongo"), "TOLLGATE_DB_URL: required when TOLLGATE_STORE is mongo");
        assertRefused(Map.of("TOLLGATE_STORE", "mongo", "TOLLGATE_DB_URL", "jdbc:postgresql://x/db"),
                "TOLLGATE_DB_URL: a MongoDB URL starts with mongodb:// or mongodb+srv://");
        assertRefused(Map.of("TOLLGATE_STORE", "mongo", "TOLLGATE_DB_URL", "mongodb://x/db", "TOLLGATE_LEASES", "on"),
                "TOLLGATE_LEASES: on needs a SQL store");
        assertRefused(Map.of("TOLLGATE_STORE", "postgres", "TOLLGATE_DB_URL", "jdbc:mysql://x"),
                "TOLLGATE_DB_URL: a PostgreSQL URL starts with jdbc:postgresql:");
        assertRefused(Map.of("TOLLGATE_LOCKOUT_DURATION", "forever"),
                "TOLLGATE_LOCKOUT_DURATION: must be a positive duration");
        assertRefused(Map.of("TOLLGATE_USAGE_FULL_QUEUE_WAIT", "2m"), "TOLLGATE_USAGE_FULL_QUEUE_WAIT: must be 0s to 1m, was '2m'");
        assertRefused(Map.of("TOLLGATE_METRICS_ENABLED", "yes"), "TOLLGATE_METRICS_ENABLED: must be true or false");
        assertRefused(Map.of("TOLLGATE_MAIL_FROM", "not an address"), "TOLLGATE_MAIL_FROM: not a valid email address");
        assertRefused(Map.of("TOLLGATE_SMTP_TLS", "ssl"), "TOLLGATE_SMTP_TLS: must be one of none, starttls, implicit");
        assertRefused(Map.of("TOLLGATE_RATE_LIMITS", "redis"), "TOLLGATE_RATE_LIMITS: must be one of store, in-process");
        assertRefused(Map.of("TOLLGATE_TENANT", "Has Spaces"), "TOLLGATE_TENANT: tenant id must be");
        assertRefused(Map.of("TOLLGATE_SESSION_ACCESS_LIFETIME", "60d"),
                "TOLLGATE_SESSION_REFRESH_LIFETIME: session refreshLifetime must not be shorter than accessLifetime");
    }

    @Test
    void masterKey_isBase64OfAtLeast32Bytes_andNeverInAMessage() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_MASTER_KEY", key), Map.of()).masterKey()).hasSize(32);

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_MASTER_KEY", shortKey), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("TOLLGATE_MASTER_KEY: needs at least 32 bytes, has 16")
                .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_MASTER_KEY", "%%%not-base64"), Map.of()))
                .hasMessage("TOLLGATE_MASTER_KEY: not base64");
    }

    @Test
    void serviceToken_needsAtLeast32Characters_isKeptAsADigest_andNeverShown() {
        assertThat(ServerConfiguration.read(Map.of(), Map.of()).serviceToken()).as("off by default").isNull();

        String shortToken = "service-token-31-characters-xyz";
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_SERVICE_TOKEN", shortToken), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("TOLLGATE_SERVICE_TOKEN: needs at least 32 characters, has 31")
                .hasMessageNotContaining(shortToken)
                .hasMessageNotContaining("\n");

        String token = "service-token-0123456789-abcdefgh";
        Map<String, String> environment = Map.of("TOLLGATE_SERVICE_TOKEN", token);
        ServerConfiguration config = ServerConfiguration.read(environment, Map.of());
        assertThat(config.serviceToken()).isEqualTo(dev.tollgate.adapter.http.ServiceToken.of(token));
        assertThat(config.toString()).doesNotContain(token).contains("serviceToken=****");
        assertThat(ServerConfiguration.describe(environment, Map.of())).containsEntry("TOLLGATE_SERVICE_TOKEN", "****")
                .doesNotContainValue(token);
        assertThat(ServerConfiguration.describe(environment, Map.of()).toString()).doesNotContain(token);
    }

    @Test
    void anUnknownSettingInTheFile_isRefused() {
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of(), Map.of("TOLLGATE_HTTP_PROT", "1")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TOLLGATE_HTTP_PROT: not a setting of Tollgate in the --config file; did you mean "
                        + "TOLLGATE_HTTP_PORT? (see --help for the list)");
    }

    @Test
    void anUnknownTollgateVariableInTheEnvironment_isRefused_withTheNearestName() {
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_SMTP_PASWORD", "x"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("TOLLGATE_SMTP_PASWORD: not a setting of Tollgate in the environment; did you mean "
                        + "TOLLGATE_SMTP_PASSWORD? (see --help for the list)");
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_COLOUR", "blue"), Map.of()))
                .hasMessage("TOLLGATE_COLOUR: not a setting of Tollgate in the environment (see --help for the list)");
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_HTTP_PORT_FILE", "/tmp/port"), Map.of()))
                .as("only secrets are read from files")
                .hasMessageStartingWith("TOLLGATE_HTTP_PORT_FILE: not a setting of Tollgate in the environment");
    }

    @Test
    void otherVariables_theLogLevel_andTheTestSuitesVariables_areLeftAlone() {
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_TEST_POSTGRES_URL", "x", "TOLLGATE_LOG_LEVEL", "DEBUG",
                "PATH", "/bin", "HOME", "/root"), Map.of())).isNotNull();
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of(), Map.of("TOLLGATE_LOG_LEVEL", "DEBUG")))
                .hasMessageStartingWith("TOLLGATE_LOG_LEVEL: not a setting of Tollgate in the --config file "
                        + "(the log level is read from the environment only)");
    }

    @Test
    void everyProblem_isReportedAtOnce_oneLineEach_inTheOrderOfTheSettings() {
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_HTTP_PORT", "eighty",
                "TOLLGATE_METRICS_ENABLED", "yes", "TOLLGATE_LOCKOUT_DURATION", "forever", "TOLLGATE_CODE_DIGITS", "4",
                "TOLLGATE_CODE_MAX_SENDS", "0", "TOLLGATE_THROTTLE_LOGIN_PER_ADDRESS", "many", "TOLLGATE_HTTP_PROT", "1"),
                Map.of()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "TOLLGATE_HTTP_PROT: not a setting of Tollgate in the environment; did you mean "
                                + "TOLLGATE_HTTP_PORT? (see --help for the list)",
                        "TOLLGATE_HTTP_PORT: must be a whole number from 0 to 65535, was 'eighty'",
                        "TOLLGATE_METRICS_ENABLED: must be true or false, was 'yes'",
                        "TOLLGATE_LOCKOUT_DURATION: must be a positive duration such as 500ms, 30s, 15m, 24h, 30d "
                                + "or PT15M, was 'forever'",
                        "TOLLGATE_CODE_DIGITS: must be a whole number from 6 to 10, was '4'",
                        "TOLLGATE_CODE_MAX_SENDS: must be a whole number from 1 to 1000, was '0'",
                        "TOLLGATE_THROTTLE_LOGIN_PER_ADDRESS: must be attempts/window such as 30/1m, or off, "
                                + "was 'many'"));
    }

    @Test
    void aRuleAcrossValues_isReported_butNotWhenOneOfItsValuesWasRefusedAlready() {
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_PASSWORD_MIN_LENGTH", "20",
                "TOLLGATE_PASSWORD_MAX_LENGTH", "10"), Map.of()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(1)
                        .allSatisfy(line -> assertThat(line).startsWith("TOLLGATE_PASSWORD_MIN_LENGTH: ")));
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_PASSWORD_MIN_LENGTH", "x",
                "TOLLGATE_PASSWORD_MAX_LENGTH", "4"), Map.of()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "TOLLGATE_PASSWORD_MIN_LENGTH: must be a whole number from 1 to 4096, was 'x'"));
    }

    @Test
    void corsOrigins_thatAreNotOrigins_areAConfigurationError_wildcardIncluded() {
        assertRefused(Map.of("TOLLGATE_CORS_ORIGINS", "*"), "TOLLGATE_CORS_ORIGINS: '*' is not an origin; list "
                + "origins as scheme://host[:port] (e.g. https://app.example.com), comma-separated (wildcards are not "
                + "supported)");
        assertRefused(Map.of("TOLLGATE_CORS_ORIGINS", "https://app.example.com, app.example.com/x"),
                "TOLLGATE_CORS_ORIGINS: 'app.example.com/x' is not an origin");
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_CORS_ORIGINS", "https://a.example, http://localhost:3000"),
                Map.of()).corsOrigins()).containsExactly("https://a.example", "http://localhost:3000");
    }

    @Test
    void aMetricsToken_isCheckedWithTheConfiguration() {
        assertRefused(Map.of("TOLLGATE_METRICS_TOKEN", "short"),
                "TOLLGATE_METRICS_TOKEN: must be 16 to 512 visible characters without spaces, has 5 characters");
        assertRefused(Map.of("TOLLGATE_METRICS_TOKEN", "metrics-token-0123456789", "TOLLGATE_METRICS_ENABLED", "false"),
                "TOLLGATE_METRICS_TOKEN: set, but TOLLGATE_METRICS_ENABLED is false");
    }

    @Test
    void aHugeDuration_isRefusedInOneLine() {
        assertRefused(Map.of("TOLLGATE_LOCKOUT_DURATION", "99999999999999999999d"),
                "TOLLGATE_LOCKOUT_DURATION: must be a positive duration");
        assertRefused(Map.of("TOLLGATE_LOCKOUT_DURATION", "9999999999999999d"),
                "TOLLGATE_LOCKOUT_DURATION: must be a positive duration");
    }

    @Test
    void everySecret_mayComeFromAFile_withOneTrailingNewlineDropped(@TempDir Path directory) throws IOException {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Path keyFile = Files.writeString(directory.resolve("master-key"), key + "\n");
        Path serviceFile = Files.writeString(directory.resolve("service"), "service-token-0123456789-abcdefgh\r\n");
        Path metricsFile = Files.writeString(directory.resolve("metrics"), "metrics-token-0123456789");
        Path dbFile = Files.writeString(directory.resolve("db"), " spaced db password \n\n");
        Path smtpFile = Files.writeString(directory.resolve("smtp"), "smtp-secret\n");
        Map<String, String> environment = Map.of("TOLLGATE_MASTER_KEY_FILE", keyFile.toString(),
                "TOLLGATE_SERVICE_TOKEN_FILE", serviceFile.toString(),
                "TOLLGATE_METRICS_TOKEN_FILE", metricsFile.toString(),
                "TOLLGATE_DB_PASSWORD_FILE", dbFile.toString(),
                "TOLLGATE_SMTP_HOST", "smtp.example.com", "TOLLGATE_SMTP_USERNAME", "mailer",
                "TOLLGATE_SMTP_PASSWORD_FILE", smtpFile.toString());

        ServerConfiguration config = ServerConfiguration.read(environment, Map.of());

        assertThat(config.masterKey()).hasSize(32);
        assertThat(config.serviceToken()).isEqualTo(dev.tollgate.adapter.http.ServiceToken.of(
                "service-token-0123456789-abcdefgh"));
        assertThat(config.metricsToken()).isEqualTo("metrics-token-0123456789");
        assertThat(config.databasePassword()).as("only one trailing newline goes").isEqualTo(" spaced db password \n");
        assertThat(config.smtp()).hasValueSatisfying(smtp -> assertThat(smtp.password()).isEqualTo("smtp-secret"));
        assertThat(ServerConfiguration.describe(environment, Map.of())).containsEntry("TOLLGATE_DB_PASSWORD", "****")
                .containsEntry("TOLLGATE_MASTER_KEY", "****");
        assertThat(ServerConfiguration.read(Map.of(), Map.of("TOLLGATE_DB_PASSWORD_FILE", dbFile.toString()))
                .databasePassword()).as("in the --config file too").isEqualTo(" spaced db password \n");
    }

    @Test
    void aSecretAndItsFile_bothSet_isAnError_andAnUnreadableFile_isOneLineNamingTheSettingAndThePath(
            @TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("db"), "from-the-file");
        assertRefused(Map.of("TOLLGATE_DB_PASSWORD", "from-the-variable", "TOLLGATE_DB_PASSWORD_FILE", file.toString()),
                "TOLLGATE_DB_PASSWORD_FILE: TOLLGATE_DB_PASSWORD is set too in the environment; set one of them");

        Path missing = directory.resolve("missing");
        assertRefused(Map.of("TOLLGATE_MASTER_KEY_FILE", missing.toString()),
                "TOLLGATE_MASTER_KEY_FILE: cannot read " + missing + ": no such file");
        assertRefused(Map.of("TOLLGATE_SERVICE_TOKEN_FILE", directory.toString()),
                "TOLLGATE_SERVICE_TOKEN_FILE: cannot read " + directory + ": is a directory");

        Path shortKey = Files.writeString(directory.resolve("short-key"), "c2hvcnQ=\n");
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_MASTER_KEY_FILE", shortKey.toString()),
                Map.of()))
                .as("a bad value from a file is refused as the setting's, without the value")
                .hasMessage("TOLLGATE_MASTER_KEY: needs at least 32 bytes, has 5 (make one with: head -c 32 "
                        + "/dev/urandom | base64)");
    }

    @Test
    void theEnvironmentsSecret_overridesTheFilesSecretFile(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("db"), "from-the-file");

        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_DB_PASSWORD", "from-the-environment"),
                Map.of("TOLLGATE_DB_PASSWORD_FILE", file.toString())).databasePassword())
                .isEqualTo("from-the-environment");
    }

    @Test
    void describe_masksSecrets() {
        Map<String, String> shown = ServerConfiguration.describe(
                Map.of("TOLLGATE_DB_PASSWORD", "hunter2", "TOLLGATE_HTTP_PORT", "9000"), Map.of());

        assertThat(shown).containsEntry("TOLLGATE_DB_PASSWORD", "****").containsEntry("TOLLGATE_HTTP_PORT", "9000")
                .containsEntry("TOLLGATE_SMTP_PASSWORD", "(none)");
        assertThat(shown.values()).doesNotContain("hunter2");
    }

    @Test
    void theConfiguration_neverShowsASecret_norCredentialsInTheDatabaseUrl() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, String> environment = Map.of("TOLLGATE_STORE", "postgres",
                "TOLLGATE_DB_URL", "jdbc:postgresql://admin:urlsecret@db:5432/tollgate?password=paramsecret&ssl=true",
                "TOLLGATE_DB_PASSWORD", "dbsecret", "TOLLGATE_METRICS_TOKEN", "metrics-token-0123456789",
                "TOLLGATE_MASTER_KEY", key);

        String printed = ServerConfiguration.read(environment, Map.of()).toString();
        String described = ServerConfiguration.describe(environment, Map.of()).toString();

        for (String secret : new String[] {"urlsecret", "paramsecret", "dbsecret", "metrics-token-0123456789", key}) {
            assertThat(printed).doesNotContain(secret);
            assertThat(described).doesNotContain(secret);
        }
        assertThat(described).contains("jdbc:postgresql://****@db:5432/tollgate?password=****&ssl=true");
    }

    @Test
    void securitySettings_byDefault_areTheLibrarysDefaults() {
        SecuritySettings security = ServerConfiguration.read(Map.of(), Map.of()).settings().security();

        assertThat(security).isEqualTo(SecuritySettings.DEFAULTS);
        assertThat(security.mfa().issuer()).isEqualTo("Tollgate");
        assertThat(security.mfa().maxFailures()).isEqualTo(5);
        assertThat(security.mfa().lockDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(security.mfa().challengeLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(security.mfa().requiredRoles()).isEmpty();
        assertThat(security.mfa().requiredTenants()).isEmpty();
        assertThat(security.passwords().history()).isZero();
        assertThat(security.passwords().expiry()).as("no forced expiry by default").isEmpty();
        assertThat(security.newDeviceMail()).isTrue();
        assertThat(security.network().allowList()).isFalse();
        assertThat(security.network().autoBlocking()).isFalse();
        assertThat(security.network().autoBlockWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(security.network().autoBlockFor()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void securitySettings_areRead_fromTheEnvironmentAndTheFile() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Map<String, String> environment = Map.of(
                "TOLLGATE_MASTER_KEY", key,
                "TOLLGATE_MFA_ISSUER", "Acme Cloud",
                "TOLLGATE_MFA_MAX_FAILURES", "3",
                "TOLLGATE_MFA_LOCK_DURATION", "30m",
                "TOLLGATE_MFA_CHALLENGE_LIFETIME", "PT2M",
                "TOLLGATE_MFA_REQUIRED_ROLES", "admin, super_admin",
                "TOLLGATE_MFA_REQUIRED_TENANTS", "acme,default",
                "TOLLGATE_PASSWORD_HISTORY", "5",
                "TOLLGATE_PASSWORD_MAX_AGE", "90d",
                "TOLLGATE_NEW_DEVICE_MAIL", "off");
        Map<String, String> file = Map.of("TOLLGATE_IP_ALLOWLIST", "ON", "TOLLGATE_AUTO_BLOCK_AFTER", "10",
                "TOLLGATE_AUTO_BLOCK_WINDOW", "10m", "TOLLGATE_AUTO_BLOCK_FOR", "1d");

        SecuritySettings security = ServerConfiguration.read(environment, file).settings().security();

        assertThat(security.mfa()).isEqualTo(new MfaSettings("Acme Cloud", 3, Duration.ofMinutes(30),
                Duration.ofMinutes(2), Set.of("admin", "super_admin"), Set.of(TenantId.of("acme"), TenantId.DEFAULT)));
        assertThat(security.passwords()).isEqualTo(new PasswordAgeSettings(5, Duration.ofDays(90)));
        assertThat(security.newDeviceMail()).isFalse();
        assertThat(security.network()).isEqualTo(new NetworkSettings(true, 10, Duration.ofMinutes(10),
                Duration.ofDays(1)));
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_PASSWORD_MAX_AGE", "off"), Map.of()).settings().security()
                .passwords().expiry()).isEmpty();
    }

    @Test
    void securitySettings_outOfRange_areRefusedInOneLineNamingTheSetting() {
        assertRefused(Map.of("TOLLGATE_MFA_ISSUER", "Acme:Cloud"),
                "TOLLGATE_MFA_ISSUER: must be 1 to 64 characters without ':', was 'Acme:Cloud'");
        assertRefused(Map.of("TOLLGATE_MFA_ISSUER", "x".repeat(65)), "TOLLGATE_MFA_ISSUER: must be 1 to 64 characters");
        assertRefused(Map.of("TOLLGATE_MFA_MAX_FAILURES", "0"),
                "TOLLGATE_MFA_MAX_FAILURES: must be a whole number from 1 to 100, was '0'");
        assertRefused(Map.of("TOLLGATE_MFA_LOCK_DURATION", "2d"),
                "TOLLGATE_MFA_LOCK_DURATION: must be from 1s to 1d, was '2d'");
        assertRefused(Map.of("TOLLGATE_MFA_LOCK_DURATION", "soon"),
                "TOLLGATE_MFA_LOCK_DURATION: must be a positive duration");
        assertRefused(Map.of("TOLLGATE_MFA_CHALLENGE_LIFETIME", "10s"),
                "TOLLGATE_MFA_CHALLENGE_LIFETIME: must be from 30s to 30m, was '10s'");
        assertRefused(Map.of("TOLLGATE_PASSWORD_HISTORY", "25"),
                "TOLLGATE_PASSWORD_HISTORY: must be a whole number from 0 to 24, was '25'");
        assertRefused(Map.of("TOLLGATE_PASSWORD_MAX_AGE", "12h"),
                "TOLLGATE_PASSWORD_MAX_AGE: must be from 1d to 3650d, was '12h'");
        assertRefused(Map.of("TOLLGATE_PASSWORD_MAX_AGE", "never"),
                "TOLLGATE_PASSWORD_MAX_AGE: must be a positive duration");
        assertRefused(Map.of("TOLLGATE_NEW_DEVICE_MAIL", "true"),
                "TOLLGATE_NEW_DEVICE_MAIL: must be one of on, off, was 'true'");
        assertRefused(Map.of("TOLLGATE_IP_ALLOWLIST", "yes"), "TOLLGATE_IP_ALLOWLIST: must be one of on, off, was 'yes'");
        assertRefused(Map.of("TOLLGATE_AUTO_BLOCK_AFTER", "-1"),
                "TOLLGATE_AUTO_BLOCK_AFTER: must be a whole number from 0 to 10000, was '-1'");
        assertRefused(Map.of("TOLLGATE_AUTO_BLOCK_AFTER", "5", "TOLLGATE_AUTO_BLOCK_WINDOW", "8d"),
                "TOLLGATE_AUTO_BLOCK_WINDOW: must be from 1s to 7d, was '8d'");
        assertRefused(Map.of("TOLLGATE_AUTO_BLOCK_AFTER", "5", "TOLLGATE_AUTO_BLOCK_FOR", "366d"),
                "TOLLGATE_AUTO_BLOCK_FOR: must be from 1s to 365d, was '366d'");
        assertRefused(Map.of("TOLLGATE_MFA_REQUIRED_TENANTS", "Acme Corp",
                "TOLLGATE_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32])),
                "TOLLGATE_MFA_REQUIRED_TENANTS: 'Acme Corp': tenant id must be");
    }

    @Test
    void aRequiredRole_mustBeAConfiguredRole() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        assertRefused(Map.of("TOLLGATE_MFA_REQUIRED_ROLES", "admin,supervisor", "TOLLGATE_MASTER_KEY", key),
                "TOLLGATE_MFA_REQUIRED_ROLES: 'supervisor' is not a staff role; the roles are support_new, support, "
                        + "support_advanced, admin, super_admin");
    }

    @Test
    void requiringASecondFactor_needsTheMasterKeyThatSealsTheSecrets() {
        assertRefused(Map.of("TOLLGATE_MFA_REQUIRED_ROLES", "admin"),
                "TOLLGATE_MFA_REQUIRED_ROLES: needs TOLLGATE_MASTER_KEY");
        assertRefused(Map.of("TOLLGATE_MFA_REQUIRED_TENANTS", "acme"),
                "TOLLGATE_MFA_REQUIRED_TENANTS: needs TOLLGATE_MASTER_KEY");
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_MFA_ISSUER", "Acme"), Map.of()).settings().security()
                .mfa().issuer()).as("the other MFA settings need no master key").isEqualTo("Acme");
    }

    @Test
    void theAutomaticBlocksWindowAndLength_setWhileItIsOff_areRefused() {
        assertRefused(Map.of("TOLLGATE_AUTO_BLOCK_WINDOW", "10m"),
                "TOLLGATE_AUTO_BLOCK_WINDOW: set, but TOLLGATE_AUTO_BLOCK_AFTER is 0 (automatic blocking is off)");
        assertRefused(Map.of("TOLLGATE_AUTO_BLOCK_AFTER", "0", "TOLLGATE_AUTO_BLOCK_FOR", "2h"),
                "TOLLGATE_AUTO_BLOCK_FOR: set, but TOLLGATE_AUTO_BLOCK_AFTER is 0");
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_AUTO_BLOCK_AFTER", "x",
                "TOLLGATE_AUTO_BLOCK_WINDOW", "10m"), Map.of()))
                .as("only the refused value is reported")
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactly(
                        "TOLLGATE_AUTO_BLOCK_AFTER: must be a whole number from 0 to 10000, was 'x'"));
    }

    private static void assertRefused(Map<String, String> environment, String messageStart) {
        assertThatThrownBy(() -> ServerConfiguration.read(environment, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(messageStart)
                .hasMessageNotContaining("\n");
    }
}
