package dev.tollgate.cache;

import dev.tollgate.Tollgate;
import dev.tollgate.testing.postgres.PostgresTestServer;

/** Two instances on one PostgreSQL database: notices over LISTEN/NOTIFY. */
class TwoCachedInstancesOnPostgresTest extends TwoCachedInstances {

    private final PostgresTestServer server = PostgresTestServer.instance();
    private final String database = server.createDatabase();

    @Override
    Tollgate.Builder onTheStore(Tollgate.Builder builder) {
        return builder.postgres(server.url(database), server.user(), server.password());
    }

    @Override
    void dropTheDatabase() {
        server.dropDatabase(database);
    }
}
