package dev.tollgate.server;

/**
 * The server cannot start for a reason outside its configuration that an operator can act on
 * (the port taken, the data directory held by another server); the message is one line saying
 * what and where.
 */
public final class ServerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
