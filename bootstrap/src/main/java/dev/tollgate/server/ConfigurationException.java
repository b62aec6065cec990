package dev.tollgate.server;

/** The server's configuration is wrong; the message is one line naming the setting. */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
