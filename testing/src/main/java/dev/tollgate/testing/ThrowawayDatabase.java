package dev.tollgate.testing;

import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sqlite.SqliteStores;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.testing.postgres.PostgresTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A database made for one test (or one test class), with Tollgate's tables migrated in it, gone
 * again after {@link #close()}: a fresh PostgreSQL database on the test JVM's
 * {@link PostgresTestServer} ({@code TOLLGATE_TEST_POSTGRES_URL} if set, else Testcontainers where
 * Docker answers, else an embedded PostgreSQL), dropped on close; or an SQLite file in a temporary
 * directory, deleted on close. {@link TollgateExtension} makes one per test for you.
 */
public final class ThrowawayDatabase implements AutoCloseable {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final SqlDatabase database;
    private final Runnable removal;

    private ThrowawayDatabase(String jdbcUrl, String user, String password, SqlDatabase database, Runnable removal) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.database = database;
        this.removal = removal;
    }

    /** A fresh database on the test PostgreSQL server, started on the first call. */
    public static ThrowawayDatabase postgres() {
        PostgresTestServer server = PostgresTestServer.instance();
        String name = server.createDatabase();
        String url = server.url(name);
        try {
            return new ThrowawayDatabase(url, server.user(), server.password(),
                    PostgresStores.open(url, server.user(), server.password()), () -> server.dropDatabase(name));
        } catch (RuntimeException e) {
            server.dropDatabase(name);
            throw e;
        }
    }

    /** An SQLite file in a new temporary directory. */
    public static ThrowawayDatabase sqlite() {
        Path directory;
        try {
            directory = Files.createTempDirectory("tollgate-test-sqlite");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for SQLite", e);
        }
        try {
            return new ThrowawayDatabase("jdbc:sqlite:" + directory.resolve(SqliteStores.FILE_NAME), null, null,
                    SqliteStores.inDirectory(directory), () -> delete(directory));
        } catch (RuntimeException e) {
            delete(directory);
            throw e;
        }
    }

    /** Every store port over this database. */
    public Stores stores() {
        return database.stores();
    }

    /** The database's JDBC URL, e.g. for {@code Tollgate.builder().postgres(url, user, password)} or a look inside. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user to connect as, when the URL does not carry it. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** That user's password, when the URL does not carry it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Closes the stores' pool, then drops the database (PostgreSQL) or deletes its directory (SQLite). */
    @Override
    public void close() {
        try {
            database.close();
        } finally {
            removal.run();
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test SQLite directory " + directory, e);
        }
    }
}
