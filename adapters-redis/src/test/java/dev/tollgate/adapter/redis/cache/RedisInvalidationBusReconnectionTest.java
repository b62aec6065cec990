package dev.tollgate.adapter.redis.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.redis.RedisServices;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.testing.redis.TestRedis;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bus whose subscription Redis drops (CLIENT KILL of this test's own connection, found by its
 * client name; no other client is touched) subscribes again by itself, tells its listeners to
 * drop everything, and hears notices again.
 */
class RedisInvalidationBusReconnectionTest {

    private String prefix;
    private RedisServices listeningProcess;
    private RedisServices publishingProcess;
    private RedisClient admin;
    private StatefulRedisConnection<String, String> adminConnection;

    @BeforeEach
    void connect() {
        String url = TestRedis.url();
        prefix = TestRedis.keyPrefix(RedisInvalidationBusReconnectionTest.class);
        listeningProcess = RedisServices.connect(url, prefix);
        publishingProcess = RedisServices.connect(url, prefix);
        admin = RedisClient.create(url);
        adminConnection = admin.connect();
    }

    @AfterEach
    void disconnect() {
        listeningProcess.close();
        publishingProcess.close();
        adminConnection.close();
        admin.shutdown();
    }

    @Test
    void aDroppedSubscription_isRenewed_listenersHearEverything_thenNoticesArriveAgain() {
        InvalidationBus bus = listeningProcess.invalidations();
        InvalidationBus publisher = publishingProcess.invalidations();
        ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
        bus.subscribe(heard::add);
        assertThat(Eventually.holds(() -> bus.connected() && publisher.connected())).isTrue();
        String name = listeningProcess.clientName("invalidations");
        long before = clientId(name).orElseThrow();

        adminConnection.sync().clientKill(KillArgs.Builder.id(before));

        assertThat(Eventually.holds(() -> heard.contains(Invalidation.everything()))).as("told to drop everything").isTrue();
        assertThat(Eventually.holds(bus::connected)).isTrue();
        assertThat(clientId(name)).isPresent().isNotEqualTo(Optional.of(before));
        Invalidation after = Invalidation.of(new UserRef(TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8)),
                new UserId(UUID.randomUUID())));
        publisher.publish(after);
        assertThat(Eventually.holds(() -> heard.contains(after))).isTrue();
    }

    @Test
    void aMessageThatIsNoNotice_countsAsEverything() {
        InvalidationBus bus = listeningProcess.invalidations();
        ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
        bus.subscribe(heard::add);
        assertThat(Eventually.holds(bus::connected)).isTrue();

        adminConnection.sync().publish(prefix + "invalidation", "not a notice");

        assertThat(Eventually.holds(() -> heard.contains(Invalidation.everything()))).isTrue();
    }

    /** The id of the one connection named {@code name}, if Redis lists it. */
    private Optional<Long> clientId(String name) {
        return Arrays.stream(adminConnection.sync().clientList().split("\n"))
                .filter(line -> Arrays.asList(line.trim().split(" ")).contains("name=" + name))
                .map(line -> Arrays.stream(line.trim().split(" ")).filter(field -> field.startsWith("id="))
                        .findFirst().orElseThrow().substring(3))
                .map(Long::parseLong)
                .findFirst();
    }
}
