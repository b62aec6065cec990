package dev.tollgate.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.sql.PoolSettings;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.testing.postgres.PostgresTestServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database on the JVM's {@link PostgresTestServer}, dropped on close, with the stores
 * opened over it. One per test class (and one per port's contract in {@link PostgresStoresContractTest}), so
 * nothing depends on what another class left behind.
 */
final class PostgresTestDatabase implements AutoCloseable, AfterAllCallback {

    final PostgresTestServer server;
    final String name;
    final SqlDatabase database;

    PostgresTestDatabase() {
        this.server = PostgresTestServer.instance();
        this.name = server.createDatabase();
        try {
            this.database = open();
        } catch (RuntimeException e) {
            server.dropDatabase(name);
            throw e;
        }
    }

    /** Opens (and migrates) the stores over this database once more, with the default pool. */
    SqlDatabase open() {
        return PostgresStores.open(url(), server.user(), server.password());
    }

    /** Opens the stores over this database with {@code pool}. */
    SqlDatabase open(PoolSettings pool) {
        return PostgresStores.open(url(), server.user(), server.password(), pool);
    }

    /** A pool of {@code size} over this database, for tests that count its calls or open a second process. */
    HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(size);
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }

    String url() {
        return server.url(name);
    }

    /** A plain JDBC connection to this database, for what the stores do not do. */
    Connection connect() throws SQLException {
        return server.connect(name);
    }

    /** The stores over this database. */
    Stores stores() {
        return database.stores();
    }

    /** As a JUnit extension in a static field: dropped after the test class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            server.dropDatabase(name);
        }
    }
}
