package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.archive.AccountArchive;
import dev.tollgate.tck.archive.AccountArchiveContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresAccountArchiveTest extends AccountArchiveContract {

    private static PostgresTestDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = new PostgresTestDatabase();
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
