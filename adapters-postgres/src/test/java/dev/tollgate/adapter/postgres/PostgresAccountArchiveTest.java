package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.tck.account.AccountArchiveContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAccountArchiveTest extends AccountArchiveContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected AccountArchive accountArchive() {
        return DATABASE.stores().archive();
    }
}
