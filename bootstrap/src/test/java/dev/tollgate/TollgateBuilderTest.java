package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.tollgate.adapter.crypto.Argon2Parameters;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import dev.tollgate.tck.support.UserRecords;
import dev.tollgate.testing.mongo.MongoTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class TollgateBuilderTest {

    private static final String PASSWORD = "analytical-Engine-1843";

    @Test
    void withoutAMailer_buildNamesTheMissingSetting() {
        assertThatThrownBy(() -> Tollgate.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("mailer is required");
    }

    @Test
    void aHasherAndArgon2Parameters_conflict() {
        assertThatThrownBy(() -> Tollgate.builder().mailer(new RecordingMailer())
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(1)))
                .argon2(Argon2Parameters.DEFAULTS).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("passwordHasher and argon2 conflict");
    }

    @Test
    void choosingTheStoreTwice_isRefused_namingBothChoices() {
        assertThatThrownBy(() -> Tollgate.builder().inMemory().sqlite(Path.of("elsewhere")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the store is chosen twice: stores given to the builder, then SQLite in elsewhere");
    }

    @Test
    void sqlite_keepsAccountsAcrossRestarts(@TempDir Path dataDirectory) {
        try (Tollgate first = Tollgate.builder().mailer(new RecordingMailer()).sqlite(dataDirectory)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(4))).build()) {
            first.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD))
                    .orElseThrow();
        }

        try (Tollgate second = Tollgate.builder().mailer(new RecordingMailer()).sqlite(dataDirectory)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(5))).build()) {
            assertThat(second.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).isDone()).isTrue();
        }
    }

    @Test
    void sqliteByJdbcUrl_andByDataSource_workLikeTheDirectory(@TempDir Path dataDirectory) {
        String url = "jdbc:sqlite:" + dataDirectory.resolve("by-url.db");
        try (Tollgate byUrl = Tollgate.builder().mailer(new RecordingMailer()).sqlite(url)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(6))).build()) {
            assertThat(byUrl.registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD)).isDone()).isTrue();
        }
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl(url);
        try (Tollgate byDataSource = Tollgate.builder().mailer(new RecordingMailer()).sqlite(dataSource)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(7))).build()) {
            assertThat(byDataSource.accounts().findByLogin(TenantId.DEFAULT, "ada")).isPresent();
        }
    }

    @Test
    void mongo_byConnectionString_andByTheApplicationsClient_keepAccounts_andLeasesAreRefused() {
        String database = MongoTestServer.freshDatabase();
        try (Tollgate byUrl = Tollgate.builder().mailer(new RecordingMailer()).mongo(MongoTestServer.emulatorUrl(), database)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(8))).build()) {
            byUrl.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD))
                    .orElseThrow();
            assertThat(byUrl.storeReachable()).isTrue();
        }
        try (MongoClient client = MongoClients.create(MongoTestServer.emulatorUrl())) {
            try (Tollgate byClient = Tollgate.builder().mailer(new RecordingMailer()).mongo(client, database)
                    .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(9))).build()) {
                assertThat(byClient.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).isDone()).isTrue();
            }
            // closing Tollgate left the application's client open
            assertThat(client.getDatabase(database).listCollectionNames().into(new ArrayList<>())).isNotEmpty();
        }
        assertThatThrownBy(() -> Tollgate.builder().mailer(new RecordingMailer())
                .mongo(MongoTestServer.emulatorUrl(), database).leases(LeaseSettings.DEFAULTS).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leases need a SQL store");
    }

    @Test
    void withoutAStore_theDefaultIsSqliteInTollgateData() throws Exception {
        Path defaultDirectory = Tollgate.DEFAULT_DATA_DIRECTORY.toAbsolutePath();
        assumeFalse(Files.exists(defaultDirectory),
                "a ./tollgate-data exists here already; not touching it");
        try {
            try (Tollgate tollgate = Tollgate.builder().mailer(new RecordingMailer())
                    .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(8))).build()) {
                tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD))
                        .orElseThrow();
            }
            assertThat(defaultDirectory.resolve("tollgate.db")).isRegularFile();
        } finally {
            try (var files = Files.walk(defaultDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aMasterKey_makesApiKeysRecoverable_andConflictsWithADigestKey() {
        byte[] master = "a-master-key-of-thirty-two-bytes!".getBytes();
        try (Tollgate tollgate = Tollgate.builder().mailer(new RecordingMailer()).inMemory().masterKey(master)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(11))).build()) {
            var registered = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD)).orElseThrow();

            assertThat(registered.apiKey().key().recoverable()).isTrue();
            assertThat(tollgate.apiKeys().reveal(registered.user().ref(), registered.apiKey().key().id(), PASSWORD,
                    null).orElseThrow().secret()).isEqualTo(registered.apiKey().secret());
        }
        try (Tollgate withoutMaster = Tollgate.builder().mailer(new RecordingMailer()).inMemory()
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(12))).build()) {
            assertThat(withoutMaster.registration()
                    .register(Registration.of(TenantId.DEFAULT, "bob", "bob@example.com", PASSWORD)).orElseThrow()
                    .apiKey().key().recoverable()).isFalse();
        }
        assertThatThrownBy(() -> Tollgate.builder().mailer(new RecordingMailer()).masterKey(master)
                .digestKey(master).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("masterKey and digestKey conflict");
        assertThatThrownBy(() -> Tollgate.builder().mailer(new RecordingMailer()).masterKey(new byte[31]).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("masterKey must have at least 32 bytes");
    }

    @Test
    void inProcessRateLimits_stillLimit_butLeaveTheStoresCountersAlone() {
        InMemoryStores memory = InMemoryStores.create();
        try (Tollgate tollgate = Tollgate.builder().mailer(new RecordingMailer()).stores(memory.asStores())
                .inProcessRateLimits().backgroundExecutor(Runnable::run)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(13))).build()) {
            tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD))
                    .orElseThrow();
            for (int i = 0; i < 3; i++) {
                tollgate.passwords().requestReset(TenantId.DEFAULT, "ada@example.com", null).orElseThrow();
            }

            assertThat(tollgate.passwords().requestReset(TenantId.DEFAULT, "ada@example.com", null).problem())
                    .isInstanceOf(Problem.RateLimited.class);
        }
        CounterKey key = CounterKey.of("code-send:password_reset:" + Secrets.fingerprint("default\nada@example.com"));
        assertThat(memory.windowCounters().tryAcquire(key, WindowLimit.of(1, Duration.ofDays(1)), Instant.now())
                .isGranted()).isTrue();
    }

    @Test
    void aShortDigestKey_isRefused() {
        assertThatThrownBy(() -> Tollgate.builder().mailer(new RecordingMailer()).digestKey(new byte[16]).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("digestKey must have at least 32 bytes");
    }

    @Test
    void defaults_hashWithArgon2id_andScreenPasswordsWithZxcvbn() {
        InMemoryStores memory = InMemoryStores.create();
        try (Tollgate tollgate = Tollgate.builder().mailer(new RecordingMailer()).stores(memory.asStores()).build()) {
            var user = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD)).orElseThrow();
            var common = tollgate.registration()
                    .register(Registration.of(TenantId.DEFAULT, "bob", "bob@example.com", "iloveyou"));

            assertThat(memory.userStore().findById(user.user().ref()).orElseThrow().passwordHash())
                    .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(common.problem()).isInstanceOf(Problem.PasswordRejected.class);
        }
    }

    @Test
    void aLegacyBcryptHash_logsIn_andIsReplacedByArgon2id() {
        InMemoryStores memory = InMemoryStores.create();
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        String bcrypt = OpenBSDBCrypt.generate("2b", PASSWORD.toCharArray(), salt, 6);
        UserRecord migrated = UserRecords.aUser().withUsername("legacy").withEmail("legacy@example.com")
                .withPasswordHash(bcrypt).build();
        memory.userStore().insert(migrated);

        try (Tollgate tollgate = Tollgate.builder().mailer(new RecordingMailer()).stores(memory.asStores()).build()) {
            assertThat(tollgate.sessions().login(Login.of(migrated.ref().tenant(), "legacy", PASSWORD)).isDone())
                    .isTrue();
            assertThat(memory.userStore().findById(migrated.ref()).orElseThrow().passwordHash())
                    .startsWith("$argon2id$");
            assertThat(tollgate.sessions().login(Login.of(migrated.ref().tenant(), "legacy", PASSWORD)).isDone())
                    .isTrue();
        }
    }

    @Test
    void everyPart_isReplaceable_clockAndSettingsIncluded() {
        MutableClock clock = MutableClock.startingAt(Instant.parse("2026-02-01T00:00:00Z"));
        RecordingMailer mailer = new RecordingMailer();
        try (Tollgate tollgate = Tollgate.builder()
                .mailer(mailer)
                .inMemory()
                .clock(clock)
                .random(new SeededRandomSource(9))
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(9)))
                .digestKey("an-application-secret-of-32-bytes!!".getBytes())
                .settings(dev.tollgate.port.settings.TollgateSettings.defaults()
                        .withSessions(dev.tollgate.port.settings.SessionSettings.DEFAULTS
                                .withAccessLifetime(Duration.ofMinutes(15))))
                .backgroundExecutor(Runnable::run)
                .build()) {
            tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD))
                    .orElseThrow();
            var session = tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD)).orElseThrow();

            assertThat(session.accessExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
            tollgate.passwords().requestReset(TenantId.DEFAULT, "ada@example.com", null).orElseThrow();
            assertThat(mailer.sentTo(Email.of("ada@example.com")))
                    .hasAtLeastOneElementOfType(MailMessage.PasswordResetCode.class);
        }
    }

    @Test
    void close_letsQueuedBackgroundWorkFinish() {
        RecordingMailer mailer = new RecordingMailer();
        Tollgate tollgate = Tollgate.builder().mailer(mailer).inMemory()
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(2))).build();
        tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD))
                .orElseThrow();

        tollgate.passwords().requestReset(TenantId.DEFAULT, "ada@example.com", null).orElseThrow();
        tollgate.close();

        assertThat(mailer.sentTo(Email.of("ada@example.com")))
                .hasAtLeastOneElementOfType(MailMessage.PasswordResetCode.class);
    }
}
