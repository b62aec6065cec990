package dev.tollgate.adapter.sqlite;

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
        return SqliteTestDatabase.pool(directory.resolve("tollgate.db"));
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
