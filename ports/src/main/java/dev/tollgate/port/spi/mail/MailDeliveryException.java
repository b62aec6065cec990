package dev.tollgate.port.spi.mail;

import dev.tollgate.port.TollgateException;

/** A mail could not be delivered. The message never holds the mail's body or a code. */
public class MailDeliveryException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public MailDeliveryException(String message) {
        super(message);
    }
}
