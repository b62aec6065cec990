package dev.tollgate.adapter.sqlite;

import dev.tollgate.adapter.sql.PoolSettings;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Tollgate's stores in one SQLite file: the zero-setup embedded default. The database runs in
 * WAL mode (readers never wait for the writer), every transaction takes the write lock up
 * front ({@code BEGIN IMMEDIATE}) and a writer waits up to the busy timeout for it, so one
 * process with many threads works without "database is locked" errors. One process per file:
 * a store opened here holds the file's lock ({@code tollgate.db.lock} beside {@code tollgate.db})
 * and a second opener, in this process or another, gets a {@link DatabaseInUseException}; for
 * several processes use PostgreSQL.
 */
public final class SqliteStores {

    /** The file {@link #inDirectory} keeps the data in. */
    public static final String FILE_NAME = "tollgate.db";

    /** How long a writer waits for the write lock before the store reports itself unavailable. */
    public static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Eight connections (one kept idle): readers run in parallel, writers take turns. A call
     * waits at most 15 s for a connection (longer than the busy timeout, so a waiting writer is
     * reported by SQLite, not by the pool).
     */
    public static final PoolSettings DEFAULT_POOL = new PoolSettings(8, 1, Duration.ofSeconds(15),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(60));

    private SqliteStores() {
    }

    /**
     * Opens {@code directory/tollgate.db}, creating the directory and the file if needed, and
     * holds {@code directory/tollgate.db.lock} until the database is closed.
     *
     * @throws DatabaseInUseException when another store, in this process or another, has the directory's database open
     */
    public static SqlDatabase inDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreUnavailableException("SQLite store: cannot create the data directory " + directory, e);
        }
        return file(directory.resolve(FILE_NAME));
    }

    /**
     * Opens the database file, creating it if needed, and holds its lock file
     * ({@code <file>.lock}) until the database is closed.
     *
     * @throws DatabaseInUseException when another store, in this process or another, has the file open
     */
    public static SqlDatabase file(Path file) {
        return open("jdbc:sqlite:" + Objects.requireNonNull(file, "file").toAbsolutePath(), DEFAULT_POOL);
    }

    /**
     * Opens {@code jdbcUrl} ({@code jdbc:sqlite:...}) with the given pool, holding the file's
     * lock as {@link #file} does.
     *
     * @throws DatabaseInUseException when another store, in this process or another, has the file open
     */
    public static SqlDatabase open(String jdbcUrl, PoolSettings pool) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("an SQLite JDBC URL starts with jdbc:sqlite:");
        }
        if (jdbcUrl.contains(":memory:") || jdbcUrl.contains("mode=memory")) {
            throw new IllegalArgumentException("an in-memory SQLite database is one per connection; "
                    + "use a file, or the in-memory stores");
        }
        DatabaseFileLock lock = DatabaseFileLock.acquire(fileOf(jdbcUrl));
        try {
            return pooled(jdbcUrl, pool).alsoClosing(lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The file a {@code jdbc:sqlite:} URL names: {@code jdbc:sqlite:/data/x.db?opts}, {@code jdbc:sqlite:file:x.db}. */
    static Path fileOf(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an SQLite JDBC URL names a file: jdbc:sqlite:/path/to/tollgate.db");
        }
        return Path.of(path);
    }

    private static SqlDatabase pooled(String jdbcUrl, PoolSettings pool) {
        return SqlDatabase.pooled(jdbcUrl, new SqliteDialect(), pool, config -> {
            config.setDriverClassName("org.sqlite.JDBC");
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", Long.toString(BUSY_TIMEOUT.toMillis()));
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.addDataSourceProperty("foreign_keys", "true");
        });
    }

    /**
     * Uses a data source the application configured and closes itself; it should set WAL mode,
     * a busy timeout and immediate transactions as {@link #open} does.
     */
    public static SqlDatabase over(DataSource dataSource) {
        return SqlDatabase.over(dataSource, new SqliteDialect());
    }
}
