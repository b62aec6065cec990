package dev.tollgate.adapter.sqlite;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: ids as canonical lower-case text (which sorts in UUIDv7 time order), instants as
 * {@code INTEGER} microseconds since the epoch, so they compare as numbers and keep the same
 * precision as PostgreSQL.
 */
public final class SqliteDialect implements SqlDialect {

    /** SQL state of a date or time beyond what the database holds. */
    private static final String DATETIME_FIELD_OVERFLOW = "22008";

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String migrations() {
        return "classpath:db/tollgate/sqlite";
    }

    @Override
    public Argument instant(Instant value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.BIGINT);
            } else {
                statement.setLong(position, micros(value));
            }
        };
    }

    /**
     * Microseconds since the epoch. An instant too far from it for a {@code long} (beyond about
     * the year 294,000, like PostgreSQL's range) is refused as PostgreSQL refuses it: SQL state
     * {@code 22008}, datetime field overflow.
     */
    private static long micros(Instant value) throws SQLException {
        try {
            // not ChronoUnit.MICROS.between: it counts in nanoseconds first, which overflow after 2262
            return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new SQLException("instant out of range", DATETIME_FIELD_OVERFLOW);
        }
    }

    @Override
    public Instant instant(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    @Override
    public Argument uuid(UUID value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.VARCHAR);
            } else {
                statement.setString(position, value.toString());
            }
        };
    }

    @Override
    public UUID uuid(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : UUID.fromString(text);
    }

    /** Instants are microseconds, so the integer quotient of their difference. */
    @Override
    public String wholeDaysSince(String column, String parameter) {
        return "((" + column + " - :" + parameter + ") / 86400000000)";
    }

    /** The Julian day number of now, which SQLite keeps to the millisecond, as milliseconds since the epoch. */
    @Override
    public String epochMillisNow() {
        return "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)";
    }

    /** None: every transaction begins immediate, holding the write lock from its start. */
    @Override
    public String transactionLock() {
        return null;
    }

    /** None: the transaction holds the write lock from {@code BEGIN IMMEDIATE}, so no one changes what it read. */
    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    /**
     * SQLite's driver sets no SQL state: a violated constraint ({@code SQLITE_CONSTRAINT}), a
     * value of the wrong type ({@code SQLITE_MISMATCH}) or one too large ({@code SQLITE_TOOBIG})
     * is told by its primary result code.
     */
    @Override
    public boolean isRejectedInput(SQLException e) {
        if (SqlDialect.super.isRejectedInput(e)) {
            return true;
        }
        int primary = e.getErrorCode() & 0xff;
        return e instanceof SQLiteException && (primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                || primary == SQLiteErrorCode.SQLITE_MISMATCH.code || primary == SQLiteErrorCode.SQLITE_TOOBIG.code);
    }
}
