package dev.tollgate.port;

/**
 * The one unchecked root of every exception Tollgate throws for reasons other than a
 * programming error. Expected business outcomes are never exceptions: they are
 * {@link dev.tollgate.port.api.Problem} values.
 */
public class TollgateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TollgateException(String message) {
        super(message);
    }

    public TollgateException(String message, Throwable cause) {
        super(message, cause);
    }
}
