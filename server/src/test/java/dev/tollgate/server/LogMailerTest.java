package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.mail.MailMessage;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogMailerTest {

    private static final Instant AT = Instant.parse("2026-11-24T06:30:00Z");

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LogMailer.class);

    @BeforeEach
    void captureTheLog() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseTheLog() {
        logger.detachAppender(log);
    }

    @Test
    void aNewSignInNotice_isLogged_withWhenFromWhereAndTheUserAgent() {
        new LogMailer().send(new MailMessage.NewSignIn(TenantId.DEFAULT, Email.of("ada@example.com"),
                Username.of("ada"), AT, "203.0.113.9", "curl/8.5.0"));

        assertThat(log.list).last().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("ada@example.com", "new sign-in", "2026-11-24T06:30:00Z", "203.0.113.9", "curl/8.5.0");
    }

    @Test
    void aNewSignInNotice_withoutAddressOrUserAgent_saysSo() {
        new LogMailer().send(new MailMessage.NewSignIn(TenantId.DEFAULT, Email.of("ada@example.com"),
                Username.of("ada"), AT, null, null));

        assertThat(log.list).last().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("an unknown address", "user agent unknown");
    }

    @Test
    void aPasswordChangedNotice_isStillLogged() {
        new LogMailer().send(new MailMessage.PasswordChanged(TenantId.DEFAULT, Email.of("ada@example.com"),
                Username.of("ada"), AT));

        assertThat(log.list).last().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("the password was changed at 2026-11-24T06:30:00Z");
    }
}
