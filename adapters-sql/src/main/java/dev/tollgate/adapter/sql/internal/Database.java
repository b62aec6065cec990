package dev.tollgate.adapter.sql.internal;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.port.StoreUnavailableException;
import java.sql.SQLException;
import java.util.Objects;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs the stores' statements and turns every database failure into a
 * {@link StoreUnavailableException} naming the database and the operation. JDBI's own
 * exceptions are not kept as causes: their messages list the bound values, which include
 * digests and password hashes. The driver's exception is kept.
 */
public final class Database {

    /** SQL states of this class report violated constraints, and their messages quote row values. */
    private static final String INTEGRITY_VIOLATION_CLASS = "23";

    private final Jdbi jdbi;
    private final SqlDialect dialect;

    public Database(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Runs {@code work} on a handle in autocommit mode. */
    public <T> T call(String operation, HandleCallback<T, SQLException> work) {
        try {
            return jdbi.withHandle(work);
        } catch (JdbiException | SQLException e) {
            throw unavailable(operation, e);
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns. */
    public <T> T inTransaction(String operation, HandleCallback<T, SQLException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException | SQLException e) {
            throw unavailable(operation, e);
        }
    }

    /** Whether the database answers a trivial query now. */
    public boolean reachable() {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
        } catch (JdbiException e) {
            return false;
        }
    }

    private StoreUnavailableException unavailable(String operation, Exception e) {
        SQLException driverCause = rootSqlException(e);
        String state = driverCause == null ? null : driverCause.getSQLState();
        String message = dialect.name() + " store: " + operation + " failed" + (state != null ? " (SQL state " + state + ")" : "");
        if (driverCause == null) {
            return new StoreUnavailableException(message);
        }
        if (state != null && state.startsWith(INTEGRITY_VIOLATION_CLASS)) {
            // drivers quote the offending row in these messages: keep only the codes
            return new StoreUnavailableException(message,
                    new SQLException("integrity constraint violated", state, driverCause.getErrorCode()));
        }
        return new StoreUnavailableException(message, driverCause);
    }

    private static SQLException rootSqlException(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }
}
