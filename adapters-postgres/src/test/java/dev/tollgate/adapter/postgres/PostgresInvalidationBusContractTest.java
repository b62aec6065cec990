package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.tck.cache.InvalidationBusContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LISTEN/NOTIFY passes the bus contract: each bus opened on its own connections, as another process's would be. */
class PostgresInvalidationBusContractTest extends InvalidationBusContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @Override
    protected InvalidationBus newBus() {
        return PostgresInvalidationBus.connecting(DATABASE.url(), DATABASE.server.user(), DATABASE.server.password());
    }
}
