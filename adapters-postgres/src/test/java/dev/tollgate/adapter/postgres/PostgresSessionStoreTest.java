package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.tck.session.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSessionStoreTest extends SessionStoreContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected SessionStore sessionStore() {
        return DATABASE.stores().sessions();
    }
}
