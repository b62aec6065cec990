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
        } else if (message instanceof MailMessage.NewSignIn signIn) {
            what = "notice: new sign-in from a device not seen before at " + signIn.at() + " from "
                    + (signIn.ip() == null ? "an unknown address" : signIn.ip()) + " with user agent "
                    + (signIn.userAgent() == null ? "unknown" : "'" + signIn.userAgent() + "'");
        } else if (message instanceof MailMessage.PasswordChanged changed) {
            what = "notice: the password was changed at " + changed.at();
        } else {
            throw new IllegalArgumentException("unknown kind of mail: " + message.getClass().getName());
        }
        LOG.warn("mail not sent (no SMTP server; development only) to {} for {}: {}", message.to(),
                message.username(), what);
    }
}
