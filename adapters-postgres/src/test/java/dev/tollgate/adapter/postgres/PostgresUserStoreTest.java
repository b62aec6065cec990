package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.user.UserStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUserStoreTest extends UserStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected UserStore userStore() {
        return DATABASE.stores().users();
    }
}
