package dev.tollgate.adapter.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.testing.GroupCommitContract;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commits on SQLite ({@link GroupCommitContract}), over a pool configured as
 * {@link SqliteStores} opens a file; SQLite's transaction holds the write lock where PostgreSQL
 * locks rows.
 */
class SqliteGroupCommitTest extends GroupCommitContract {

    @TempDir
    Path directory;

    @Override
    protected DataSource openPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + directory.resolve("tollgate.db"));
        config.setMaximumPoolSize(8);
        // as SqliteStores opens a file
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.addDataSourceProperty("foreign_keys", "true");
        return new HikariDataSource(config);
    }

    @Override
    protected SqlDatabase storesOver(DataSource dataSource) {
        return SqliteStores.over(dataSource);
    }

    @Override
    protected String storeName() {
        return "SQLite";
    }
}
