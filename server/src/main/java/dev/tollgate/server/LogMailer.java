package dev.tollgate.server;

import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.mail.Mailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's mailer when no SMTP server is configured: each mail becomes a warning in the
 * log, one-time codes included, so a developer can follow the flows on a laptop. Never for
 * production: it says so once at start and with every mail.
 */
final class LogMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(LogMailer.class);

    LogMailer() {
        LOG.warn("no SMTP server configured (TOLLGATE_SMTP_HOST): mails, one-time codes included, go to this log; "
                + "development only");
    }

    @Override
    public void send(MailMessage message) {
        String what;
        if (message instanceof MailMessage.VerificationCode code) {
            what = "email verification code " + code.code() + ", valid until " + code.expiresAt();
        } else if (message instanceof MailMessage.PasswordResetCode code) {
            what = "password reset code " + code.code() + ", valid until " + code.expiresAt();
        } else if (message instanceof MailMessage.EmailChanged changed) {
            what = "notice: the account's address changed to " + changed.newAddress();
        } else if (message instanceof MailMessage.RegistrationAttempted attempted) {
            what = "notice: someone tried to register a new account with this address at " + attempted.at();
        } else {
            what = "notice: the password was changed at " + ((MailMessage.PasswordChanged) message).at();
        }
        LOG.warn("mail not sent (no SMTP server; development only) to {} for {}: {}", message.to(),
                message.username(), what);
    }
}
