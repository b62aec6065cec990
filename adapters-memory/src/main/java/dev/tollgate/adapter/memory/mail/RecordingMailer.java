package dev.tollgate.adapter.memory.mail;

import dev.tollgate.port.Email;
import dev.tollgate.port.spi.mail.MailDeliveryException;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.mail.Mailer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Mailer} for tests: delivers nothing and keeps every message it was given, so a test
 * can read the code a user was sent. It can also be told to fail the next sends, to test how
 * callers handle a mail that cannot be delivered. Thread-safe.
 */
public final class RecordingMailer implements Mailer {

    private final Object lock = new Object();
    private final List<MailMessage> sent = new ArrayList<>();
    private int failuresToCome;

    /**
     * Keeps the message, or throws {@link MailDeliveryException} without keeping it while
     * failures are pending (see {@link #failNext(int)}).
     */
    @Override
    public void send(MailMessage message) {
        Objects.requireNonNull(message, "message");
        synchronized (lock) {
            if (failuresToCome > 0) {
                failuresToCome--;
                throw new MailDeliveryException("mail delivery failed on purpose (RecordingMailer.failNext)");
            }
            sent.add(message);
        }
    }

    /** Makes the next {@code count} sends fail with {@link MailDeliveryException}; 0 stops failing. */
    public void failNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        synchronized (lock) {
            failuresToCome = count;
        }
    }

    /** Every message kept, oldest first. */
    public List<MailMessage> sent() {
        synchronized (lock) {
            return List.copyOf(sent);
        }
    }

    /** The messages kept for {@code address}, oldest first. */
    public List<MailMessage> sentTo(Email address) {
        Objects.requireNonNull(address, "address");
        synchronized (lock) {
            return sent.stream().filter(message -> message.to().equals(address)).toList();
        }
    }

    /** The code of the newest verification or password-reset mail sent to {@code address}. */
    public Optional<String> lastCodeFor(Email address) {
        Objects.requireNonNull(address, "address");
        synchronized (lock) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                MailMessage message = sent.get(i);
                if (message.to().equals(address)) {
                    if (message instanceof MailMessage.VerificationCode verification) {
                        return Optional.of(verification.code());
                    }
                    if (message instanceof MailMessage.PasswordResetCode reset) {
                        return Optional.of(reset.code());
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** Forgets every message kept and any pending failure. */
    public void clear() {
        synchronized (lock) {
            sent.clear();
            failuresToCome = 0;
        }
    }
}
