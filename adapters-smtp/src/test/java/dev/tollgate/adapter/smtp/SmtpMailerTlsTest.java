package dev.tollgate.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tollgate.port.spi.mail.MailDeliveryException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transport security against GreenMail: implicit TLS on its SMTPS server (a self-signed
 * certificate), and required STARTTLS, which GreenMail 2.1 does not offer: its plain server
 * must make the delivery fail rather than carry the mail unencrypted.
 */
class SmtpMailerTlsTest {

    private static final String TO = "alice@example.com";

    @RegisterExtension
    static final GreenMailExtension SERVERS = new GreenMailExtension(
            new ServerSetup[] {
                MailServers.patient(ServerSetupTest.SMTP), MailServers.patient(ServerSetupTest.SMTPS)})
            .withPerMethodLifecycle(false);

    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SERVERS.purgeEmailFromAllMailboxes();
    }

    private static SmtpSettings settings(int port, TlsMode mode) {
        return SmtpSettings.defaults(TestPorts.HOST, port, "no-reply@tollgate.test")
                .withTlsMode(mode)
                .withReadTimeout(Duration.ofSeconds(30));
    }

    @Test
    void givenImplicitTlsAndTheServersHostTrusted_whenSending_thenTheMailArrivesOverTls() throws Exception {
        SmtpSettings settings = settings(SERVERS.getSmtps().getPort(), TlsMode.IMPLICIT).withTrustedHosts(TestPorts.HOST);

        SmtpMailer.create(settings, MailTemplates.standard(), sleeper).send(Mails.verificationCode(TO));

        assertThat(SERVERS.waitForIncomingEmail(MailServers.ARRIVAL_WAIT_MILLIS, 1)).isTrue();
        assertThat(SERVERS.getReceivedMessages()[0].getSubject()).isEqualTo("Your Tollgate verification code");
    }

    @Test
    void givenImplicitTlsWithoutTrustingTheSelfSignedCertificate_whenSending_thenItFailsOnceWithoutSending() {
        SmtpMailer mailer = SmtpMailer.create(settings(SERVERS.getSmtps().getPort(), TlsMode.IMPLICIT),
                MailTemplates.standard(), sleeper);

        assertThatThrownBy(() -> mailer.send(Mails.verificationCode(TO)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessage("verification-code mail to example.com not delivered after 1 attempt: TLS handshake failed");
        assertThat(sleeper.waits()).isEmpty();
        assertThat(SERVERS.getReceivedMessages()).isEmpty();
    }

    @Test
    void givenStarttlsRequired_whenTheServerDoesNotOfferIt_thenNothingIsSentInPlainText() {
        SmtpMailer mailer = SmtpMailer.create(settings(SERVERS.getSmtp().getPort(), TlsMode.STARTTLS),
                MailTemplates.standard(), sleeper);

        assertThatThrownBy(() -> mailer.send(Mails.passwordResetCode(TO)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessage("password-reset-code mail to example.com not delivered after 1 attempt: STARTTLS not offered");
        assertThat(sleeper.waits()).isEmpty();
        assertThat(SERVERS.getReceivedMessages()).isEmpty();
    }

    @Test
    void givenNoTls_whenSendingToThePlainServer_thenTheMailArrives() throws Exception {
        SmtpMailer.create(settings(SERVERS.getSmtp().getPort(), TlsMode.NONE), MailTemplates.standard(), sleeper)
                .send(Mails.passwordChanged(TO));

        assertThat(SERVERS.waitForIncomingEmail(MailServers.ARRIVAL_WAIT_MILLIS, 1)).isTrue();
    }
}
