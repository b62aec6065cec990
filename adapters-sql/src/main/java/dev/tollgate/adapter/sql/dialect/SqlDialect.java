package dev.tollgate.adapter.sql.dialect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * What differs between the SQL databases Tollgate supports: how ids and instants are stored
 * and where the migrations are. Everything else (every statement) is shared.
 */
public interface SqlDialect {

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

    /** Whether {@code e} reports a violated unique constraint. */
    boolean isUniqueViolation(SQLException e);
}
