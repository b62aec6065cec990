package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.user.UserStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteUserStoreTest extends UserStoreContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected UserStore userStore() {
        return DATABASE.stores().users();
    }
}
