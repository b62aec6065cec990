package dev.tollgate.testing.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test JVM, chosen once, in this order: the server at
 * {@code TOLLGATE_TEST_POSTGRES_URL} (a JDBC URL whose user may create and drop databases;
 * {@code TOLLGATE_TEST_POSTGRES_USER} and {@code _PASSWORD} when the URL does not carry them);
 * else a Testcontainers PostgreSQL where a Docker engine answers; else an embedded PostgreSQL
 * (zonky), a real server from a jar. Started on first use, stopped when the JVM exits. Each
 * test class takes its own database from it ({@link #createDatabase()}, dropped again with
 * {@link #dropDatabase(String)}), so one server serves every test of the JVM.
 */
public final class PostgresTestServer {

    /** The variable naming a server of your own: a JDBC URL whose user may create and drop databases. */
    public static final String URL_VARIABLE = "TOLLGATE_TEST_POSTGRES_URL";
    /** The user of that server, when the URL does not carry it. */
    public static final String USER_VARIABLE = "TOLLGATE_TEST_POSTGRES_USER";
    /** The password of that user, when the URL does not carry it. */
    public static final String PASSWORD_VARIABLE = "TOLLGATE_TEST_POSTGRES_PASSWORD";

    /** {@code jdbc:postgresql://host[:port]} then an optional {@code /database} and {@code ?parameters}. */
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?");

    private static final System.Logger LOG = System.getLogger(PostgresTestServer.class.getName());

    /** Where the server came from, for the log line and for tests that must know. */
    enum Provision { ENVIRONMENT, TESTCONTAINERS, EMBEDDED }

    private final Provision provision;
    /** A URL of the server's maintenance database {@code postgres}. */
    private final String adminUrl;
    private final String user;
    private final String password;

    /** The user to connect as, or null when the URL carries it. */
    public String user() {
        return user;
    }

    /** The password, or null. */
    public String password() {
        return password;
    }

    private PostgresTestServer(Provision provision, String adminUrl, String user, String password) {
        this.provision = provision;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** The server of this JVM, started on the first call. */
    public static PostgresTestServer instance() {
        return Holder.SERVER;
    }

    private static final class Holder {
        static final PostgresTestServer SERVER = provision();
    }

    private static PostgresTestServer provision() {
        long started = System.nanoTime();
        PostgresTestServer server = fromEnvironment();
        String docker = "not asked";
        if (server == null) {
            boolean answers = dockerAnswers();
            docker = (answers ? "answers" : "none") + " in " + (System.nanoTime() - started) / 1_000_000 + " ms";
            server = answers ? inContainer() : embedded();
        }
        LOG.log(Level.INFO, "Tollgate PostgreSQL tests run on {0} ({1}; Docker {2}), ready in {3} ms",
                server.provision, server.describe(), docker, (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    private static PostgresTestServer fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return null;
        }
        if (!URL.matcher(url).matches()) {
            throw new IllegalStateException(URL_VARIABLE + " must be a jdbc:postgresql:// URL");
        }
        return new PostgresTestServer(Provision.ENVIRONMENT, url, System.getenv(USER_VARIABLE),
                System.getenv(PASSWORD_VARIABLE));
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by the shutdown hook
    private static PostgresTestServer inContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "tollgate-test-postgres-stop"));
        return new PostgresTestServer(Provision.TESTCONTAINERS, withDatabase(container.getJdbcUrl(), "postgres"),
                container.getUsername(), container.getPassword());
    }

    private static PostgresTestServer embedded() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                // the JVM is going away; the temporary data directory is all that is left
            }
        }, "tollgate-test-postgres-stop"));
        return new PostgresTestServer(Provision.EMBEDDED, postgres.getJdbcUrl("postgres", "postgres"), null, null);
    }

    private String describe() {
        Matcher url = URL.matcher(adminUrl);
        return url.matches() ? url.group(1) : "?";
    }

    /** Creates a database with a fresh name and answers the name. */
    public String createDatabase() {
        String name = "tollgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** Drops {@code name}, ending any session still connected to it. */
    public void dropDatabase(String name) {
        if (!name.toLowerCase(Locale.ROOT).matches("tollgate_test_[0-9a-f]+")) {
            throw new IllegalArgumentException("drops only databases the tests created, not " + name);
        }
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** A JDBC URL of database {@code name} on this server, keeping the server URL's parameters. */
    public String url(String name) {
        return withDatabase(adminUrl, name);
    }

    /** A connection to database {@code name}, for statements the stores do not make. */
    public Connection connect(String name) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url(name), properties);
    }

    private void execute(String sql) {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test PostgreSQL refused: " + sql, e);
        }
    }

    private static String withDatabase(String url, String database) {
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL");
        }
        return parts.group(1) + "/" + database + (parts.group(3) == null ? "" : parts.group(3));
    }
}
