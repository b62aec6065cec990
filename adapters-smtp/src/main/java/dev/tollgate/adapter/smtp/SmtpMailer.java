package dev.tollgate.adapter.smtp;

import dev.tollgate.port.spi.mail.MailDeliveryException;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.mail.Mailer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A {@link Mailer} that delivers over SMTP with Jakarta Mail: each mail is a
 * {@code multipart/alternative} of a plain-text and an HTML body worded by
 * {@link MailTemplates}. Transient failures (connection refused, timeouts, 4xx replies) are
 * retried with exponential backoff up to {@link SmtpSettings#maxAttempts()}; permanent ones
 * (5xx replies, refused credentials, an untrusted certificate, no STARTTLS where it is
 * required) fail at once. Either way the caller gets a {@link MailDeliveryException} naming
 * the kind of mail, the recipient's domain, the number of attempts and the reason; neither
 * it nor the log ever holds a code or a body. Thread-safe: every delivery opens its own
 * connection.
 */
public final class SmtpMailer implements Mailer {

    private static final System.Logger LOG = System.getLogger(SmtpMailer.class.getName());
    private static final String PROTOCOL = "smtp";

    private final SmtpSettings settings;
    private final MailTemplates templates;
    private final Sleeper sleeper;
    private final Session session;

    private SmtpMailer(SmtpSettings settings, MailTemplates templates, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.templates = Objects.requireNonNull(templates, "templates");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.session = Session.getInstance(sessionProperties(settings));
    }

    /** A mailer with the {@linkplain MailTemplates#standard() standard wording}. */
    public static SmtpMailer create(SmtpSettings settings) {
        return create(settings, MailTemplates.standard());
    }

    /** A mailer with the given wording, waiting between attempts on the calling thread. */
    public static SmtpMailer create(SmtpSettings settings, MailTemplates templates) {
        return create(settings, templates, Sleeper.onCallingThread());
    }

    /** A mailer with the given wording that waits between attempts with {@code sleeper}. */
    public static SmtpMailer create(SmtpSettings settings, MailTemplates templates, Sleeper sleeper) {
        return new SmtpMailer(settings, templates, sleeper);
    }

    public SmtpSettings settings() {
        return settings;
    }

    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        String kind = kindOf(message);
        String domain = domainOf(message);
        MimeMessage mime = compose(message, kind, domain);
        for (int attempt = 1; ; attempt++) {
            Failure failure = attempt(mime);
            if (failure == null) {
                LOG.log(Level.DEBUG, "{0} mail to {1} sent on attempt {2}", kind, domain, String.valueOf(attempt));
                return;
            }
            String description = kind + " mail to " + domain + " not delivered after " + attempt
                    + (attempt == 1 ? " attempt: " : " attempts: ") + failure.classified().reason();
            if (!failure.classified().transientFailure() || attempt >= settings.maxAttempts()) {
                LOG.log(Level.WARNING, description);
                throw new MailDeliveryException(description, failure.exception());
            }
            Duration wait = settings.backoffAfter(attempt);
            LOG.log(Level.INFO, "{0} mail to {1}: attempt {2} of {3} failed ({4}); retrying in {5} ms",
                    kind, domain, String.valueOf(attempt), String.valueOf(settings.maxAttempts()),
                    failure.classified().reason(), String.valueOf(wait.toMillis()));
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailDeliveryException(kind + " mail to " + domain + " not delivered after " + attempt
                        + (attempt == 1 ? " attempt" : " attempts") + ": interrupted while waiting to retry", e);
            }
        }
    }

    /** One connection, one delivery; the failure, or {@code null} when the server took the mail. */
    private Failure attempt(MimeMessage mime) {
        Transport transport = null;
        try {
            transport = session.getTransport(PROTOCOL);
            transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            transport.sendMessage(mime, mime.getAllRecipients());
            return null;
        } catch (MessagingException e) {
            int lastCode = transport instanceof SMTPTransport smtp ? smtp.getLastReturnCode() : -1;
            return new Failure(DeliveryFailure.of(e, lastCode), e);
        } finally {
            closeQuietly(transport);
        }
    }

    private MimeMessage compose(MailMessage message, String kind, String domain) {
        RenderedMail mail = templates.render(message, settings.appName());
        try {
            MimeMessage mime = new MimeMessage(session);
            mime.setFrom(new InternetAddress(settings.from().value(), settings.fromName(), StandardCharsets.UTF_8.name()));
            mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to().value(), true));
            mime.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            mime.setHeader("Auto-Submitted", "auto-generated");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(text);
            alternatives.addBodyPart(html);
            mime.setContent(alternatives);
            mime.saveChanges();
            return mime;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailDeliveryException(kind + " mail to " + domain + " could not be composed", e);
        }
    }

    private static Properties sessionProperties(SmtpSettings settings) {
        String prefix = "mail." + PROTOCOL + ".";
        Properties properties = new Properties();
        properties.setProperty(prefix + "host", settings.host());
        properties.setProperty(prefix + "port", Integer.toString(settings.port()));
        properties.setProperty(prefix + "auth", Boolean.toString(settings.username() != null));
        properties.setProperty(prefix + "from", settings.from().value());
        properties.setProperty("mail.from", settings.from().value());
        properties.setProperty(prefix + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        properties.setProperty(prefix + "timeout", Long.toString(settings.readTimeout().toMillis()));
        properties.setProperty(prefix + "writetimeout", Long.toString(settings.writeTimeout().toMillis()));
        properties.setProperty(prefix + "starttls.enable", Boolean.toString(settings.tlsMode() == TlsMode.STARTTLS));
        properties.setProperty(prefix + "starttls.required", Boolean.toString(settings.tlsMode() == TlsMode.STARTTLS));
        properties.setProperty(prefix + "ssl.enable", Boolean.toString(settings.tlsMode() == TlsMode.IMPLICIT));
        // A trusted host's certificate is accepted unverified, so checking the name in it adds nothing.
        properties.setProperty(prefix + "ssl.checkserveridentity",
                Boolean.toString(!settings.trustedHosts().contains(settings.host())));
        if (!settings.trustedHosts().isEmpty()) {
            properties.setProperty(prefix + "ssl.trust", String.join(" ", settings.trustedHosts()));
        }
        return properties;
    }

    private static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            LOG.log(Level.DEBUG, "closing the SMTP connection failed: {0}", e.getClass().getSimpleName());
        }
    }

    static String kindOf(MailMessage message) {
        if (message instanceof MailMessage.VerificationCode) {
            return "verification-code";
        }
        if (message instanceof MailMessage.PasswordResetCode) {
            return "password-reset-code";
        }
        if (message instanceof MailMessage.EmailChanged) {
            return "email-changed";
        }
        if (message instanceof MailMessage.PasswordChanged) {
            return "password-changed";
        }
        if (message instanceof MailMessage.RegistrationAttempted) {
            return "registration-attempted";
        }
        if (message instanceof MailMessage.NewSignIn) {
            return "new-sign-in";
        }
        throw new IllegalArgumentException("unknown kind of mail: " + message.getClass().getName());
    }

    private static String domainOf(MailMessage message) {
        String address = message.to().value();
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private record Failure(DeliveryFailure classified, MessagingException exception) {
    }
}
