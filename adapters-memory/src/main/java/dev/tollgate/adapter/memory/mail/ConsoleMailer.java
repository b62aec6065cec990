package dev.tollgate.adapter.memory.mail;

import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.mail.Mailer;
import java.io.PrintStream;
import java.util.Objects;

/**
 * A {@link Mailer} for local development: prints each mail to a stream, standard output by
 * default, instead of delivering it. It prints one-time codes <em>on purpose</em>, so a
 * developer can register and log in without a mail server; this is the one mailer that breaks
 * the "never log codes" rule of {@link Mailer}, and it says so with a warning line before the
 * first mail. <strong>Never use it in production.</strong> Thread-safe: mails are never
 * interleaved.
 */
public final class ConsoleMailer implements Mailer {

    /** The line printed once, before the first mail. */
    public static final String WARNING = "WARNING: Tollgate ConsoleMailer prints mails, one-time codes included, "
            + "instead of sending them. For local development only; never use it in production.";

    private final PrintStream out;
    private boolean warned;

    /** A mailer printing to standard output. */
    public ConsoleMailer() {
        this(System.out);
    }

    public ConsoleMailer(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        String text = render(message);
        synchronized (out) {
            if (!warned) {
                out.println(WARNING);
                warned = true;
            }
            out.println(text);
            out.flush();
        }
    }

    private static String render(MailMessage message) {
        String head = "[tollgate mail] tenant=" + message.tenant() + " to=" + message.to() + " user=" + message.username() + ": ";
        if (message instanceof MailMessage.VerificationCode verification) {
            return head + "verification code " + verification.code() + " (expires " + verification.expiresAt() + ")";
        }
        if (message instanceof MailMessage.PasswordResetCode reset) {
            return head + "password reset code " + reset.code() + " (expires " + reset.expiresAt() + ")";
        }
        if (message instanceof MailMessage.EmailChanged changed) {
            return head + "the account's address changed to " + changed.newAddress();
        }
        if (message instanceof MailMessage.PasswordChanged changed) {
            return head + "the password was changed at " + changed.at();
        }
        if (message instanceof MailMessage.RegistrationAttempted attempted) {
            return head + "someone tried to register a new account with this address at " + attempted.at();
        }
        if (message instanceof MailMessage.NewSignIn signIn) {
            return head + "new sign-in at " + signIn.at() + " from " + oneLine(signIn.ip()) + " with "
                    + oneLine(signIn.userAgent());
        }
        throw new IllegalArgumentException("unknown mail " + message.getClass().getName());
    }

    /** A client's own text on one line: control characters (a forged second log line) become spaces. */
    private static String oneLine(String text) {
        return text == null ? "unknown" : text.replaceAll("\\p{Cntrl}", " ");
    }
}
