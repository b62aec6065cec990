package dev.tollgate.adapter.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.spi.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh SQLite database in a temporary directory, deleted on close. One per test class (and one per port's
 * contract in {@link SqliteStoresContractTest}).
 */
final class SqliteTestDatabase implements AutoCloseable, AfterAllCallback {

    final Path directory;
    final SqlDatabase database;

    SqliteTestDatabase() {
        try {
            this.directory = Files.createTempDirectory("tollgate-sqlite-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.database = SqliteStores.inDirectory(directory);
    }

    /** The stores over this database. */
    Stores stores() {
        return database.stores();
    }

    /** A pool over the file at {@code file}, configured as {@link SqliteStores} opens a file, for tests that count its calls. */
    static HikariDataSource pool(Path file) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setMaximumPoolSize(8);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("foreign_keys", "true");
        return new HikariDataSource(config);
    }

    /** As a JUnit extension in a static field: dropped after the test class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
