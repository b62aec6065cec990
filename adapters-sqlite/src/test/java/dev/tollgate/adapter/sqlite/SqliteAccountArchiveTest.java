package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.archive.AccountArchive;
import dev.tollgate.tck.archive.AccountArchiveContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteAccountArchiveTest extends AccountArchiveContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected AccountArchive accountArchive() {
        return DATABASE.stores().archive();
    }
}
