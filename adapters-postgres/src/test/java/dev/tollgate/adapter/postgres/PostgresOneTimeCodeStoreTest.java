package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.tck.code.OneTimeCodeStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOneTimeCodeStoreTest extends OneTimeCodeStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected OneTimeCodeStore oneTimeCodeStore() {
        return DATABASE.stores().codes();
    }
}
