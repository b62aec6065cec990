package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.StoreUnavailableException;

/**
 * The SQLite database file is held by another store, in this process or another: SQLite is
 * one process per file. The message names the directory.
 */
public final class DatabaseInUseException extends StoreUnavailableException {

    private static final long serialVersionUID = 1L;

    DatabaseInUseException(String message, Throwable cause) {
        super(message, cause);
    }

    DatabaseInUseException(String message) {
        super(message);
    }
}
