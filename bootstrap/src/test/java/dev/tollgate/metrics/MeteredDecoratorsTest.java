package dev.tollgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.Username;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.spi.mail.MailDeliveryException;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.SeededRandomSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeteredDecoratorsTest {

    private static final String PASSWORD = "analytical-Engine-1843";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingMailer mailer = new RecordingMailer();

    @Test
    void loginsAndRegistrations_areCountedByOutcome_andMailsBySentOrFailed(@TempDir Path directory) {
        try (Tollgate tollgate = Tollgate.builder().mailer(mailer).sqlite(directory).meterRegistry(registry)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(1))).build()) {
            tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", PASSWORD));
            tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "other@example.com", PASSWORD));
            tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", PASSWORD));
            tollgate.sessions().login(Login.of(TenantId.DEFAULT, "ada", "wrong"));
            mailer.failNext(1);
            tollgate.registration().register(Registration.of(TenantId.DEFAULT, "bob", "bob@example.com", PASSWORD));

            assertThat(count("tollgate.registrations", "outcome", "success")).isEqualTo(2);
            assertThat(count("tollgate.registrations", "outcome", "username_taken")).isEqualTo(1);
            assertThat(count("tollgate.logins", "outcome", "success")).isEqualTo(1);
            assertThat(count("tollgate.logins", "outcome", "invalid_credentials")).isEqualTo(1);
            assertThat(registry.get("tollgate.mails").tags("kind", "VerificationCode", "outcome", "sent").counter()
                    .count()).isEqualTo(1);
            assertThat(registry.get("tollgate.mails").tags("kind", "VerificationCode", "outcome", "failed").counter()
                    .count()).isEqualTo(1);
            assertThat(registry.get("tollgate.store.connections").tag("state", "maximum").gauge().value())
                    .isEqualTo(8);
        }
    }

    @Test
    void aFailedMail_isCountedAndStillReported() {
        MeteredMailer metered = new MeteredMailer(mailer, registry);
        mailer.failNext(1);

        assertThatThrownBy(() -> metered.send(new MailMessage.PasswordChanged(TenantId.DEFAULT,
                Email.of("a@example.com"), Username.of("ada"), Instant.EPOCH)))
                .isInstanceOf(MailDeliveryException.class);
        assertThat(registry.get("tollgate.mails").tags("outcome", "failed").counter().count()).isEqualTo(1);
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }
}
