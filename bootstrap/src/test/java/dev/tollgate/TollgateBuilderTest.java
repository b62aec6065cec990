package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.crypto.Argon2Parameters;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import dev.tollgate.tck.support.UserRecords;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

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
        Tollgate tollgate = Tollgate.builder().mailer(mailer)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(2))).build();
        tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD))
                .orElseThrow();

        tollgate.passwords().requestReset(TenantId.DEFAULT, "ada@example.com", null).orElseThrow();
        tollgate.close();

        assertThat(mailer.sentTo(Email.of("ada@example.com")))
                .hasAtLeastOneElementOfType(MailMessage.PasswordResetCode.class);
    }
}
