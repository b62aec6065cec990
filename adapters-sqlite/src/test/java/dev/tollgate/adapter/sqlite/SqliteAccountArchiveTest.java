package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.tck.account.AccountArchiveContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteAccountArchiveTest extends AccountArchiveContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected AccountArchive accountArchive() {
        return DATABASE.stores().archive();
    }
}
