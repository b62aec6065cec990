package dev.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database goes away under open stores and comes back on the same port with the same data.
 * Runs its own embedded PostgreSQL, never the shared test server nor a server of the machine:
 * this test stops the server it uses. Zonky's {@code close()} stops the server with
 * {@code pg_ctl stop}; a second zonky start on the kept data directory and the same port is the
 * same server coming back.
 */
@Timeout(600)
class PostgresRestartTest {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECONNECT_WITHIN = Duration.ofMinutes(2);
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    private Path dataDirectory;
    private EmbeddedPostgres server;
    private int port;
    private SqlDatabase database;

    @BeforeEach
    void startOwnServer() throws IOException {
        dataDirectory = Files.createTempDirectory("tollgate-pg-restart");
        server = start(0);
        port = server.getPort();
        assertThat(port).isNotEqualTo(5432);
        database = PostgresStores.open(server.getJdbcUrl("postgres", "postgres"), null, null,
                PostgresStores.DEFAULT_POOL.withConnectionTimeout(CONNECTION_TIMEOUT));
    }

    @AfterEach
    void stopOwnServer() throws IOException {
        try {
            if (database != null) {
                database.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void stores_report_the_lost_database_without_bound_values_and_work_again_when_it_returns() throws IOException {
        Stores stores = database.stores();
        UserRecord user = UserRecords.aUser().build();
        assertThat(stores.users().insert(user)).isEqualTo(InsertResult.inserted());
        SessionRecord session = new SessionRecord(new SessionId(UUID.randomUUID()), user.ref(), digest(), digest(), T0, T0,
                T0.plusSeconds(900), T0.plusSeconds(86_400), "203.0.113.7", "restart test", null);
        stores.sessions().create(session);
        assertThat(database.reachable()).isTrue();

        server.close();
        server = null;

        assertThat(database.reachable()).isFalse();
        assertUnavailable(() -> stores.sessions().findByAccessDigest(session.user().tenant(), session.accessDigest()), "find session",
                session.accessDigest());
        assertUnavailable(() -> stores.users().findByEmail(user.ref().tenant(), user.email()), "find user",
                user.email().value());
        assertUnavailable(() -> stores.users().insert(UserRecords.aUser().withPasswordHash("$secret$hash").build()),
                "insert user", "$secret$hash");

        server = start(port);

        Optional<SessionRecord> found = whenBack(() -> stores.sessions().findByAccessDigest(session.user().tenant(), session.accessDigest()));
        assertThat(found).contains(session);
        assertThat(stores.users().findById(user.ref())).contains(user);
        assertThat(database.reachable()).isTrue();
    }

    /** Asserts that {@code call} fails fast as unavailable, naming PostgreSQL and the operation, and never {@code secret}. */
    private static void assertUnavailable(Runnable call, String operation, String secret) {
        long started = System.nanoTime();
        assertThatThrownBy(call::run)
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("PostgreSQL")
                .hasMessageContaining(operation)
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                                .doesNotContain(secret);
                    }
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CONNECTION_TIMEOUT.multipliedBy(30)); // fails, not hangs; generous for a loaded machine
    }

    /** The answer of {@code call} once the pool has connected again, within {@link #RECONNECT_WITHIN}. */
    private static <T> T whenBack(Supplier<T> call) {
        long deadline = System.nanoTime() + RECONNECT_WITHIN.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the stores did not reconnect within " + RECONNECT_WITHIN, notYet);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the database", e);
        }
    }

    /** Starts PostgreSQL on the kept data directory; port 0 lets zonky pick a free one. */
    private EmbeddedPostgres start(int onPort) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false);
        if (onPort != 0) {
            builder.setPort(onPort);
        }
        return builder.start();
    }

    private static String digest() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}
