package dev.tollgate.adapter.sql.dialect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;

/**
 * What differs between the SQL databases Tollgate supports: how ids and instants are stored,
 * where the migrations are and how a transaction locks what it reads. Everything else (every
 * statement) is shared.
 */
public interface SqlDialect {

    /**
     * Appends many rows to a table in one statement's worth of round trips, where the database
     * has a way faster than a JDBC batch of {@code INSERT}s (PostgreSQL's {@code COPY}).
     */
    @FunctionalInterface
    interface BulkAppend {

        /**
         * Appends {@code rows} (values in the order of {@code columns}: {@link String},
         * {@link Number}, {@link UUID}, {@link Instant} or null) to {@code table}, in
         * {@code handle}'s transaction.
         */
        void append(Handle handle, String table, List<String> columns, List<Object[]> rows) throws SQLException;
    }

    /** This database's bulk append, if it has one faster than a batch of inserts; none by default. */
    default Optional<BulkAppend> bulkAppend() {
        return Optional.empty();
    }

    /** The database's name as messages show it, e.g. {@code "PostgreSQL"}. */
    String name();

    /** The classpath location of this database's Flyway migrations. */
    String migrations();

    /** An instant, or SQL NULL for null, as this database stores it (at least to the microsecond). */
    Argument instant(Instant value);

    /** The instant in {@code column}, or null. */
    Instant instant(ResultSet row, String column) throws SQLException;

    /** An id, or SQL NULL for null, as this database stores it. */
    Argument uuid(UUID value);

    /** The id in {@code column}, or null. */
    UUID uuid(ResultSet row, String column) throws SQLException;

    /**
     * An SQL expression for the whole days (24 hours each) from the instant bound as
     * {@code :parameter} to the instant in {@code column}, which is not before it: the day
     * number of a row counted from a start of day.
     */
    String wholeDaysSince(String column, String parameter);

    /**
     * An SQL expression for the database's clock now, in whole milliseconds since the epoch (a
     * {@code bigint}): the one clock that every process using the database shares, so leases
     * expire by it and not by the clocks of the processes holding them.
     */
    String epochMillisNow();

    /**
     * A statement that, run in a transaction, takes a lock named by the two {@code int}s bound as
     * {@code :space} and {@code :key} and holds it until the transaction ends, so transactions
     * taking the same lock (in any process) run one after the other; null where every
     * transaction holds the database's one write lock from its start (SQLite's
     * {@code BEGIN IMMEDIATE}), which serialises them already.
     */
    String transactionLock();

    /**
     * The clause that ends a {@code SELECT} whose rows the transaction goes on to change, locking
     * them until it ends so no other transaction changes them in between: by default
     * {@code " FOR UPDATE"}; empty where every transaction holds the database's one write lock from
     * its start (SQLite's {@code BEGIN IMMEDIATE}), which keeps the rows as read already.
     */
    default String forUpdate() {
        return " FOR UPDATE";
    }

    /**
     * Whether {@code e} says the database aborted the transaction for a conflict with another one
     * (a deadlock, or a serialization failure), so running it again may succeed. By default the
     * SQL states {@code 40001} (serialization failure) and {@code 40P01} (PostgreSQL's deadlock
     * detected).
     */
    default boolean isTransactionConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** Whether {@code e} reports a violated unique constraint. */
    boolean isUniqueViolation(SQLException e);

    /**
     * Whether {@code e} says the database refused the statement's values (a data exception or a
     * violated constraint), rather than that it failed: retrying the same values fails again. By
     * default the SQL state classes {@code 22} (data exception) and {@code 23} (integrity
     * constraint violation).
     */
    default boolean isRejectedInput(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
