package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.sql.PoolSettings;
import dev.tollgate.adapter.sql.SqlDatabase;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Tollgate's stores on PostgreSQL. Opening migrates the schema (Flyway, history table
 * {@code tollgate_schema_history}) and refuses a database whose schema is newer than this
 * Tollgate knows. Two processes may share one database: every atomic operation is atomic in
 * the database.
 */
public final class PostgresStores {

    /**
     * Ten connections (two kept idle); a call waits at most 5 s for one, then the store reports
     * itself unavailable; connections are replaced every 30 minutes; a connection held over
     * 60 s is logged as a possible leak.
     */
    public static final PoolSettings DEFAULT_POOL = new PoolSettings(10, 2, Duration.ofSeconds(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(60));

    private PostgresStores() {
    }

    /** Opens a pool with {@link #DEFAULT_POOL} to {@code jdbcUrl} ({@code jdbc:postgresql://...}). */
    public static SqlDatabase open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, DEFAULT_POOL);
    }

    /** Opens a pool with the given settings to {@code jdbcUrl}. */
    public static SqlDatabase open(String jdbcUrl, String user, String password, PoolSettings pool) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql:");
        }
        return SqlDatabase.pooled(jdbcUrl, new PostgresDialect(), pool, config -> {
            config.setDriverClassName("org.postgresql.Driver");
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
            // fail a statement the database cannot answer rather than hang a request on it
            config.addDataSourceProperty("socketTimeout", "30");
            config.addDataSourceProperty("ApplicationName", "tollgate");
            // the server's error detail repeats the values of a violated key ("Key (access_digest)=(...)"):
            // keep it out of the driver's exception messages, which end up in logs
            config.addDataSourceProperty("logServerErrorDetail", "false");
        });
    }

    /**
     * Uses a data source the application configured and closes itself. Set the driver property
     * {@code logServerErrorDetail=false} on it, as {@link #open} does, so driver messages never
     * quote row values.
     */
    public static SqlDatabase over(DataSource dataSource) {
        return SqlDatabase.over(dataSource, new PostgresDialect());
    }
}
