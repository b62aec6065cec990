package dev.tollgate.port;

/**
 * A store refused the values it was given: the store is up, but a value broke one of its
 * rules (a character or a date it cannot hold, a constraint it enforces). Retrying the same
 * values fails again, so this is the caller's input, not an outage. Store adapters throw it in
 * place of the driver's exception, so no {@code SQLException} or driver exception ever crosses
 * a port. The message names the store, the operation and the store's own code (such as an SQL
 * state), never a bound value.
 */
public class StoreRejectedInputException extends TollgateException {

    private static final long serialVersionUID = 1L;

    public StoreRejectedInputException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreRejectedInputException(String message) {
        super(message);
    }
}
