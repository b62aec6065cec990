/**
 * The store ports over SQL: JDBI 3 for every statement (each value bound, never
 * concatenated), Flyway for the schema, HikariCP for the pool. PostgreSQL and SQLite share all
 * of it; what differs between them (column types of ids and instants, migrations, pool
 * defaults) is a {@link dev.tollgate.adapter.sql.dialect.SqlDialect}. Every atomic operation of the
 * ports is one conditional statement ({@code INSERT ... ON CONFLICT}, {@code UPDATE ... WHERE
 * ... RETURNING}) or, where two statements must stand together, one transaction.
 */
package dev.tollgate.adapter.sql;
