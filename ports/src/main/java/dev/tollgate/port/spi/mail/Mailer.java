package dev.tollgate.port.spi.mail;

/** Delivers Tollgate's mails. */
public interface Mailer {

    /**
     * Delivers the message or throws {@link MailDeliveryException}. A mailer may retry
     * internally before giving up; it must not log codes (a console mailer for local
     * development, which prints whole mails on purpose, is the one exception).
     */
    void send(MailMessage message);
}
