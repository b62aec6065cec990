package dev.tollgate.adapter.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.mongo.cache.MongoInvalidationBus;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.session.SessionRecord;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import dev.tollgate.testing.mongo.MongoTestServer;
import dev.tollgate.testing.mongo.MongoTestServer.StoppableEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server goes away under open stores and comes back on the same port with the same data:
 * an emulator of this test's own, which it stops and starts again. The stores report a clear
 * {@link StoreUnavailableException} meanwhile (naming MongoDB, never a value) and work again
 * without being reopened; the invalidation bus says it is not connected, and once back hands its
 * listeners a notice of everything (what it may have missed).
 */
@Timeout(600)
class MongoRestartTest {

    /** How long the driver looks for a server before a call fails. */
    private static final Duration SELECTION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WITHIN = Duration.ofMinutes(2);
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    private StoppableEmulator server;
    private MongoStores mongo;

    @BeforeEach
    void startOwnServer() {
        server = MongoTestServer.stoppableEmulator();
        mongo = MongoStores.open(server.url() + "/?serverSelectionTimeoutMS=" + SELECTION_TIMEOUT.toMillis()
                + "&connectTimeoutMS=1000&socketTimeoutMS=5000", MongoTestServer.freshDatabase());
    }

    @AfterEach
    void stopOwnServer() {
        try {
            if (mongo != null) {
                mongo.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void stores_report_the_lost_server_without_values_and_work_again_when_it_returns() {
        Stores stores = mongo.stores();
        UserRecord user = UserRecords.aUser().build();
        assertThat(stores.users().insert(user)).isEqualTo(InsertResult.inserted());
        SessionRecord session = new SessionRecord(new SessionId(UUID.randomUUID()), user.ref(), digest(), digest(), T0, T0,
                T0.plusSeconds(900), T0.plusSeconds(86_400), "203.0.113.7", "restart test", null);
        stores.sessions().create(session);
        assertThat(mongo.reachable()).isTrue();

        server.stop();

        assertThat(mongo.reachable()).isFalse();
        assertUnavailable(() -> stores.sessions().findByAccessDigest(session.user().tenant(), session.accessDigest()),
                session.accessDigest());
        assertUnavailable(() -> stores.users().findByEmail(user.ref().tenant(), user.email()), user.email().value());
        assertUnavailable(() -> stores.users().insert(UserRecords.aUser().withPasswordHash("$secret$hash").build()),
                "$secret$hash");

        server.start();

        Optional<SessionRecord> found = whenBack(
                () -> stores.sessions().findByAccessDigest(session.user().tenant(), session.accessDigest()));
        assertThat(found).contains(session);
        assertThat(stores.users().findById(user.ref())).contains(user);
        assertThat(mongo.reachable()).isTrue();
    }

    @Test
    void the_bus_is_disconnected_while_the_server_is_gone_and_then_announces_everything() {
        try (MongoInvalidationBus bus = MongoInvalidationBus.on(mongo.database())) {
            ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
            bus.subscribe(heard::add);
            assertThat(eventually(bus::connected)).as("connected at first").isTrue();

            server.stop();
            assertThat(eventually(() -> !bus.connected())).as("disconnected while the server is gone").isTrue();

            server.start();
            assertThat(eventually(bus::connected)).as("connected again").isTrue();
            assertThat(heard).as("what it may have missed, in one notice").contains(Invalidation.everything());
        }
    }

    /** Asserts that {@code call} fails as unavailable, naming MongoDB, and never {@code secret}. */
    private static void assertUnavailable(Runnable call, String secret) {
        assertThatThrownBy(call::run)
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("MongoDB")
                .satisfies(failure -> {
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                                .doesNotContain(secret);
                    }
                    for (Throwable suppressed : failure.getSuppressed()) {
                        assertThat(String.valueOf(suppressed.getMessage())).doesNotContain(secret);
                    }
                });
    }

    /** The answer of {@code call} once the client has found the server again, within {@link #WITHIN}. */
    private static <T> T whenBack(Supplier<T> call) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the stores did not reconnect within " + WITHIN, notYet);
                }
                pause();
            }
        }
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause();
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the server", e);
        }
    }

    private static String digest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
