package dev.tollgate.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.memory.limit.InMemoryWindowCounters;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.internal.Unique;
import dev.tollgate.testing.redis.RedisProxy;
import dev.tollgate.testing.redis.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away and coming back, played with a proxy the test cuts (the real Redis is shared
 * and stays up): limits are counted in the store meanwhile, never dropped; the outage is logged
 * once and said by {@link RedisServices#degradation()}; counting returns to Redis once it answers.
 */
class RedisServicesOutageTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final WindowLimit THREE_AN_HOUR = WindowLimit.of(3, Duration.ofHours(1));

    private final ConcurrentLinkedQueue<LogRecord> logged = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord entry) {
            logged.add(entry);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger adapterLog = Logger.getLogger("dev.tollgate.adapter.redis");

    @BeforeEach
    void captureTheLog() {
        adapterLog.addHandler(capture);
    }

    @AfterEach
    void releaseTheLog() {
        adapterLog.removeHandler(capture);
    }

    @Test
    void whileRedisIsCut_limitsHoldInTheStore_theOutageIsSaidOnce_andCountingReturnsToRedisAfter() {
        String prefix = TestRedis.keyPrefix(RedisServicesOutageTest.class);
        InMemoryWindowCounters store = new InMemoryWindowCounters();
        try (RedisProxy proxy = RedisProxy.to(TestRedis.url());
             RedisServices redis = RedisServices.connect(proxy.url(), prefix);
             Direct direct = new Direct(TestRedis.url())) {
            WindowCounters counters = redis.counters(store);
            CounterKey before = key();
            assertThat(counters.tryAcquire(before, THREE_AN_HOUR, T0).isGranted()).isTrue();
            assertThat(direct.count(prefix, before)).isEqualTo("1");
            assertThat(redis.degradation()).isEmpty();

            proxy.cut();
            assertThat(Eventually.holds(() -> redis.degradation().isPresent())).isTrue();
            CounterKey during = key();
            List<Acquisition> results = IntStream.range(0, 6).mapToObj(i -> counters.tryAcquire(during, THREE_AN_HOUR, T0)).toList();

            assertThat(results).filteredOn(Acquisition::isGranted).hasSize(3);
            assertThat(store.current(during, T0)).contains(new WindowCounters.OpenWindow(3, T0.plus(Duration.ofHours(1))));
            assertThat(redis.fallbacks()).isGreaterThanOrEqualTo(6);
            assertThat(redis.degradation()).contains("rate limits are counted in the store: Redis is unreachable");
            assertThat(logged).extracting(LogRecord::getMessage).filteredOn(said -> said.contains("is unreachable")).hasSize(1);

            proxy.restore();
            assertThat(Eventually.holds(() -> redis.degradation().isEmpty())).isTrue();
            CounterKey after = key();
            assertThat(Eventually.holds(() -> counters.tryAcquire(after, THREE_AN_HOUR, T0).isGranted()
                    && direct.count(prefix, after) != null)).as("counted in Redis again").isTrue();
            assertThat(store.current(after, T0)).isEmpty();
            assertThat(logged).extracting(LogRecord::getMessage).filteredOn(said -> said.contains("answers again: ")).hasSize(1);
            assertThat(logged).extracting(LogRecord::getMessage).filteredOn(said -> said.contains("is unreachable")).hasSize(1);
        }
    }

    @Test
    void whileRedisHangs_callsAreCountedInTheStore_andCountingReturnsToRedisOnceItAnswers() {
        String prefix = TestRedis.keyPrefix(RedisServicesOutageTest.class);
        InMemoryWindowCounters store = new InMemoryWindowCounters();
        try (RedisProxy proxy = RedisProxy.to(TestRedis.url());
             RedisServices redis = RedisServices.connect(proxy.url(), prefix);
             Direct direct = new Direct(TestRedis.url())) {
            WindowCounters counters = redis.counters(store);
            assertThat(counters.tryAcquire(key(), THREE_AN_HOUR, T0).isGranted()).isTrue();
            assertThat(redis.fallbacks()).isZero();

            proxy.pause();
            CounterKey during = key();
            List<Acquisition> results = IntStream.range(0, 5).mapToObj(i -> counters.tryAcquire(during, THREE_AN_HOUR, T0)).toList();

            assertThat(results).filteredOn(Acquisition::isGranted).hasSize(3);
            assertThat(store.current(during, T0)).map(WindowCounters.OpenWindow::count).contains(3);
            assertThat(redis.fallbacks()).isEqualTo(5);
            assertThat(redis.degradation()).isPresent();
            assertThat(direct.count(prefix, during)).as("nothing of it reached Redis").isNull();

            proxy.restore();
            assertThat(Eventually.holds(() -> redis.degradation().isEmpty())).isTrue();
            CounterKey after = key();
            assertThat(counters.tryAcquire(after, THREE_AN_HOUR, T0).isGranted()).isTrue();
            assertThat(direct.count(prefix, after)).isEqualTo("1");
        }
    }

    @Test
    void withRedisDownAtTheStart_connectReturns_limitsAreCountedInTheStore_andThePasswordIsNowhere() throws IOException {
        String secret = "s3cr3t-" + Unique.tag();
        InMemoryWindowCounters store = new InMemoryWindowCounters();
        try (RedisServices redis = RedisServices.connect("redis://:" + secret + "@127.0.0.1:" + closedPort(),
                TestRedis.keyPrefix(RedisServicesOutageTest.class))) {
            WindowCounters counters = redis.counters(store);
            CounterKey key = key();

            List<Acquisition> results = IntStream.range(0, 5).mapToObj(i -> counters.tryAcquire(key, THREE_AN_HOUR, T0)).toList();

            assertThat(results).filteredOn(Acquisition::isGranted).hasSize(3);
            assertThat(redis.degradation()).hasValueSatisfying(said -> assertThat(said).doesNotContain(secret));
            assertThat(redis.invalidations().connected()).isFalse();
        }
        assertThat(logged).isNotEmpty().allSatisfy(entry -> assertThat(entry.getMessage()).doesNotContain(secret));
    }

    @Test
    void aUrlThatIsNoRedisUrl_isRefused_withoutRepeatingIt() {
        String secret = "s3cr3t-" + Unique.tag();

        assertThatThrownBy(() -> RedisServices.connect("redis://:" + secret + "@:notaport", "p:"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(secret);
        assertThatThrownBy(() -> RedisServices.connect("http//" + secret, "p:"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(secret);
    }

    private static CounterKey key() {
        return CounterKey.of("outage:" + Unique.tag());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A connection of the test's own to the real Redis, to see where a call was counted. */
    private static final class Direct implements AutoCloseable {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        Direct(String url) {
            client = RedisClient.create(url);
            connection = client.connect();
        }

        String count(String prefix, CounterKey key) {
            return connection.sync().hget(prefix + key.value(), "n");
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
