package dev.tollgate.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tollgate.port.spi.mail.MailDeliveryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Transient failures are retried with backoff, permanent ones are not, and no failure shows a code. */
class SmtpMailerRetryTest {

    private static final String TO = "alice@example.com";

    private final Logger log = Logger.getLogger(SmtpMailer.class.getName());
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureTheMailersLog() {
        previousLevel = log.getLevel();
        log.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        log.addHandler(capture);
    }

    @AfterEach
    void releaseTheMailersLog() {
        log.removeHandler(capture);
        log.setLevel(previousLevel);
    }

    private static SmtpSettings settings(int port) {
        return SmtpSettings.defaults(TestPorts.HOST, port, "no-reply@tollgate.test")
                .withTlsMode(TlsMode.NONE)
                .withConnectTimeout(Duration.ofSeconds(30))
                .withReadTimeout(Duration.ofSeconds(30));
    }

    @Test
    void givenNoServerListening_whenSending_thenEveryAttemptIsMadeWithDoublingWaitsAndTheFailureNamesThem() {
        RecordingSleeper sleeper = new RecordingSleeper();
        SmtpMailer mailer = SmtpMailer.create(settings(TestPorts.unused()), MailTemplates.standard(), sleeper);

        assertThatThrownBy(() -> mailer.send(Mails.verificationCode(TO)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessage("verification-code mail to example.com not delivered after 3 attempts: connection refused")
                .satisfies(e -> assertThat(FailureText.of(e)).doesNotContain(Mails.CODE));
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains(Mails.CODE));
    }

    @Test
    void givenAServerThatStartsAfterTheFirstFailure_whenSending_thenTheSecondAttemptDelivers() {
        int port = TestPorts.unused();
        GreenMail server = new GreenMail(MailServers.patientOnItsPort(new ServerSetup(port, TestPorts.HOST,
                ServerSetup.PROTOCOL_SMTP)));
        RecordingSleeper sleeper = new RecordingSleeper(() -> {
            if (!server.isRunning()) {
                server.start();
            }
        });
        try {
            SmtpMailer.create(settings(port), MailTemplates.standard(), sleeper).send(Mails.passwordResetCode(TO));

            assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500));
            assertThat(server.waitForIncomingEmail(MailServers.ARRIVAL_WAIT_MILLIS, 1)).isTrue();
            assertThat(logLines).anyMatch(line -> line.contains("sent on attempt 2"))
                    .noneMatch(line -> line.contains(Mails.CODE));
        } finally {
            server.stop();
        }
    }

    @Test
    void givenMoreAttempts_whenEveryOneFails_thenTheWaitsStopGrowingAtTheMaximum() {
        RecordingSleeper sleeper = new RecordingSleeper();
        SmtpSettings settings = settings(TestPorts.unused()).withMaxAttempts(6)
                .withBackoff(Duration.ofMillis(500), Duration.ofMillis(3000));

        assertThatThrownBy(() -> SmtpMailer.create(settings, MailTemplates.standard(), sleeper)
                .send(Mails.passwordChanged(TO)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("after 6 attempts");
        assertThat(sleeper.waits()).extracting(Duration::toMillis).containsExactly(500L, 1000L, 2000L, 3000L, 3000L);
    }

    @Test
    @Timeout(120)
    void givenAServerThatAcceptsButNeverAnswers_whenTheReadTimeoutPasses_thenTheDeliveryFails() throws Exception {
        AtomicReference<Socket> held = new AtomicReference<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName(TestPorts.HOST))) {
            Thread acceptor = new Thread(() -> {
                try {
                    held.set(silent.accept());
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-smtp-server");
            acceptor.setDaemon(true);
            acceptor.start();
            SmtpSettings settings = settings(silent.getLocalPort()).withReadTimeout(Duration.ofMillis(300)).withMaxAttempts(1);
            RecordingSleeper sleeper = new RecordingSleeper();

            assertThatThrownBy(() -> SmtpMailer.create(settings, MailTemplates.standard(), sleeper)
                    .send(Mails.verificationCode(TO)))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessage("verification-code mail to example.com not delivered after 1 attempt: timeout")
                    .satisfies(e -> assertThat(FailureText.of(e)).doesNotContain(Mails.CODE));
            assertThat(sleeper.waits()).isEmpty();
        } finally {
            Socket socket = held.get();
            if (socket != null) {
                socket.close();
            }
        }
    }

    @Test
    void givenTheWaitIsInterrupted_whenRetrying_thenTheDeliveryFailsAndTheThreadStaysInterrupted() {
        SmtpMailer mailer = SmtpMailer.create(settings(TestPorts.unused()), MailTemplates.standard(), duration -> {
            throw new InterruptedException();
        });
        try {
            assertThatThrownBy(() -> mailer.send(Mails.verificationCode(TO)))
                    .isInstanceOf(MailDeliveryException.class)
                    .hasMessage("verification-code mail to example.com not delivered after 1 attempt: "
                            + "interrupted while waiting to retry");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
