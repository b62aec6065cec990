package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.tck.code.OneTimeCodeStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteOneTimeCodeStoreTest extends OneTimeCodeStoreContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected OneTimeCodeStore oneTimeCodeStore() {
        return DATABASE.stores().codes();
    }
}
