package dev.tollgate.adapter.sql.internal;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.TollgateException;
import java.sql.SQLException;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs the stores' statements and turns every database failure into a
 * {@link StoreUnavailableException} naming the database and the operation, except where the
 * database refused the values themselves (SQL state classes {@code 22}, data exception, and
 * {@code 23}, integrity constraint violation, unless a store turned it into a result): that is
 * a {@link StoreRejectedInputException}, the caller's input and no outage. JDBI's own
 * exceptions are not kept as causes: their messages list the bound values, which include
 * digests and password hashes. The driver's exception is kept, except for refused values,
 * whose messages quote them.
 */
public final class Database {

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
            throw failure(operation, e);
        }
    }

    /** Runs {@code work} in one transaction, committed when it returns. */
    public <T> T inTransaction(String operation, HandleCallback<T, SQLException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException | SQLException e) {
            throw failure(operation, e);
        }
    }

    /**
     * Runs {@code work} in one transaction as {@link #inTransaction} does, and once more in a new
     * transaction when the database aborted the first for a conflict with another transaction
     * ({@link SqlDialect#isTransactionConflict}: a deadlock or a serialization failure), which
     * rolled it back whole. {@code work} must decide from what it reads, so running it again is
     * safe.
     */
    public <T> T inTransactionRetryingConflict(String operation, HandleCallback<T, SQLException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (JdbiException | SQLException e) {
            SQLException driverCause = rootSqlException(e);
            if (driverCause == null || !dialect.isTransactionConflict(driverCause)) {
                throw failure(operation, e);
            }
        }
        return inTransaction(operation, work);
    }

    /**
     * A batch's work within a transaction: with {@code create}, it first makes the rows it will
     * lock; without, it throws {@link MissingRows} when one is missing, before writing anything.
     */
    @FunctionalInterface
    public interface RowsWork<T> {
        T run(Handle handle, boolean create) throws SQLException;
    }

    /**
     * Runs {@code work} without creating rows, as {@link #inTransactionRetryingConflict} does;
     * when it finds a row missing (a first use), its transaction rolls back and {@code work} runs
     * again in a new one that creates the missing rows before it locks any, so no transaction
     * holds a lock while it waits for another's new row.
     */
    public <T> T inTransactionCreatingOnFirstUse(String operation, RowsWork<T> work) {
        try {
            return inTransactionRetryingConflict(operation, handle -> work.run(handle, false));
        } catch (MissingRows firstUse) {
            return inTransactionRetryingConflict(operation, handle -> work.run(handle, true));
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

    private TollgateException failure(String operation, Exception e) {
        SQLException driverCause = rootSqlException(e);
        String state = driverCause == null ? null : driverCause.getSQLState();
        String codes = state != null ? " (SQL state " + state + ")" : "";
        if (driverCause == null) {
            return new StoreUnavailableException(dialect.name() + " store: " + operation + " failed");
        }
        if (dialect.isRejectedInput(driverCause)) {
            // drivers quote the offending value or row in these messages: keep only the codes
            return new StoreRejectedInputException(
                    dialect.name() + " store: " + operation + " refused the values given" + codes,
                    new SQLException("the database refused the values given", state, driverCause.getErrorCode()));
        }
        return new StoreUnavailableException(dialect.name() + " store: " + operation + " failed" + codes, driverCause);
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
