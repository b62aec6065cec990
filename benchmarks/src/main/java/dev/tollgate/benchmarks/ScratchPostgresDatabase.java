package dev.tollgate.benchmarks;

import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.adapter.sql.SqlDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database {@code tollgate_bench_<random>} created for one trial on a PostgreSQL server and
 * dropped by {@link #close()} (the trial's {@code OpenedStore} also closes it from a shutdown
 * hook). It never touches any other database: the admin URL is only used to create and drop
 * this one.
 */
final class ScratchPostgresDatabase implements AutoCloseable {

    static final String URL_VARIABLE = "TOLLGATE_BENCH_POSTGRES_URL";
    static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String adminUrl;
    private final String name;
    private final SqlDatabase database;
    private boolean closed;

    private ScratchPostgresDatabase(String adminUrl, String name, SqlDatabase database) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.database = database;
    }

    static String adminUrlFromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_ADMIN_URL : url.trim();
    }

    /** Creates the database, then opens Tollgate's stores on it (which migrates the schema). */
    static ScratchPostgresDatabase create(String adminUrl) {
        String name = "tollgate_bench_" + HexFormat.of().formatHex(randomBytes(6));
        execute(adminUrl, "CREATE DATABASE " + name);
        SqlDatabase database;
        try {
            database = PostgresStores.open(withDatabase(adminUrl, name), null, null);
        } catch (RuntimeException e) {
            drop(adminUrl, name);
            throw e;
        }
        return new ScratchPostgresDatabase(adminUrl, name, database);
    }

    String name() {
        return name;
    }

    SqlDatabase database() {
        return database;
    }

    /** The JDBC URL of this database (the admin URL's server and parameters), for a second pool on it. */
    String url() {
        return withDatabase(adminUrl, name);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        database.close();
        drop(adminUrl, name);
    }

    /** {@code url} with its database replaced by {@code database}, keeping host, port and parameters. */
    static String withDatabase(String url, String database) {
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException(URL_VARIABLE + " must look like jdbc:postgresql://host:port/db?params, was "
                    + url.replaceAll("password=[^&]*", "password=***"));
        }
        return parts.group(1) + "/" + database + (parts.group(3) == null ? "" : parts.group(3));
    }

    private static void drop(String adminUrl, String name) {
        try {
            // FORCE (PostgreSQL 13+) ends connections a failed trial may have left behind
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name);
        }
    }

    private static void execute(String adminUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
