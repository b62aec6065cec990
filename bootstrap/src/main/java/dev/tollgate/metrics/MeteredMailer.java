package dev.tollgate.metrics;

import dev.tollgate.port.spi.mail.MailDeliveryException;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.mail.Mailer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/** Counts mails sent and failed, by kind, around any mailer. */
public final class MeteredMailer implements Mailer {

    private final Mailer delegate;
    private final MeterRegistry registry;

    public MeteredMailer(Mailer delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void send(MailMessage message) {
        String kind = message.getClass().getSimpleName();
        try {
            delegate.send(message);
            count(kind, "sent");
        } catch (MailDeliveryException e) {
            count(kind, "failed");
            throw e;
        }
    }

    private void count(String kind, String outcome) {
        Counter.builder("tollgate.mails")
                .description("Mails handed to the mail server, by kind and outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
