package dev.tollgate.adapter.sqlite;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.testing.LeasingContract;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** The leasing stores on SQLite ({@link LeasingContract}), over a pool configured as {@link SqliteStores} opens a file. */
class SqliteLeasingTest extends LeasingContract {

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
}
