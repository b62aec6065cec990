package dev.tollgate.adapter.sqlite;

import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.tck.session.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteSessionStoreTest extends SessionStoreContract {

    @RegisterExtension
    static final SqliteTestDatabase DATABASE = new SqliteTestDatabase();

    @Override
    protected SessionStore sessionStore() {
        return DATABASE.stores().sessions();
    }
}
