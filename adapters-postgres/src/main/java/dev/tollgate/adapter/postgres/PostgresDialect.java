package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/** PostgreSQL: ids as {@code uuid}, instants as {@code timestamptz} (microseconds). */
public final class PostgresDialect implements SqlDialect {

    /** SQL state of a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final BulkAppend COPY = new PostgresCopy();

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String migrations() {
        return "classpath:db/tollgate/postgres";
    }

    @Override
    public Argument instant(Instant value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        };
    }

    @Override
    public Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public Argument uuid(UUID value) {
        return (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.OTHER);
            } else {
                statement.setObject(position, value);
            }
        };
    }

    @Override
    public UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    /** {@code COPY} ({@link PostgresCopy}). */
    @Override
    public Optional<BulkAppend> bulkAppend() {
        return Optional.of(COPY);
    }

    /** An advisory lock of the transaction, released when it commits or rolls back. */
    @Override
    public String transactionLock() {
        return "SELECT pg_advisory_xact_lock(:space, :key)";
    }

    @Override
    public String wholeDaysSince(String column, String parameter) {
        return "CAST(floor(extract(epoch FROM (" + column + " - :" + parameter + ")) / 86400) AS bigint)";
    }

    /** {@code clock_timestamp()}, the time when it is evaluated (not the transaction's start, as {@code now()}). */
    @Override
    public String epochMillisNow() {
        return "CAST(floor(extract(epoch FROM clock_timestamp()) * 1000) AS bigint)";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}
