package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.archive.AccountArchive;
import dev.tollgate.tck.archive.AccountArchiveContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteAccountArchiveTest extends AccountArchiveContract {

    private static SqliteTestDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = new SqliteTestDatabase();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Override
    protected AccountArchive accountArchive() {
        return database.database.stores().archive();
    }
}
