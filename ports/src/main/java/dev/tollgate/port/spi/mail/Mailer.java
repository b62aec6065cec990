package dev.tollgate.port.spi.mail;

/** Delivers Tollgate's mails. */
public interface Mailer {

    /**
     * Delivers the message or throws {@link MailDeliveryException}. A mailer may retry
     * internally before giving up; it must not log codes.
     */
    void send(MailMessage message);
}
