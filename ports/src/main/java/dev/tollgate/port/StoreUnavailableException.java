package dev.tollgate.port;

/**
 * A store could not be reached or failed for infrastructure reasons (connection lost, pool
 * exhausted, disk full). Store adapters wrap their driver's exceptions in this one, so no
 * {@code SQLException} or driver exception ever crosses a port. The message names the store
 * and the operation, never a secret or a bound value.
 */
public class StoreUnavailableException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
