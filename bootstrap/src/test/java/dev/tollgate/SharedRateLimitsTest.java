package dev.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.port.Email;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import dev.tollgate.testing.redis.RedisProxy;
import dev.tollgate.testing.redis.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Tollgate instances with {@code .redis(url, prefix)} enforce one API key's rate limit
 * together, counted in Redis; and while Redis cannot be reached, the limit still holds through
 * the store (which both instances use here, as nodes share PostgreSQL), {@link Tollgate#degradations()}
 * says so, and clears once Redis answers again. The outage is played by a proxy the test cuts.
 */
class SharedRateLimitsTest {

    private static final int LIMIT = 10;
    private static final int CALLS = 30;

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T09:00:00Z"));
    private final RecordingMailer mailer = new RecordingMailer();
    private final Stores stores = InMemoryStores.create().asStores();
    private final String prefix = TestRedis.keyPrefix(SharedRateLimitsTest.class);
    private final SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void needsRedis() {
        TestRedis.url();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void twoInstances_grantExactlyTheLimit_betweenThem_countedInRedis() throws Exception {
        Tollgate first = node(TestRedis.url(), firstMeters);
        Tollgate second = node(TestRedis.url(), new SimpleMeterRegistry());
        String key = keyLimitedTo(first, "ada", LIMIT);

        List<Outcome<KeyVerification.Granted>> answers = verifyConcurrently(key, first, second);

        assertThat(answers).filteredOn(Outcome::isDone).hasSize(LIMIT);
        assertThat(answers).filteredOn(answer -> !answer.isDone())
                .allSatisfy(answer -> assertThat(answer.problem().code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(countsInRedis()).as("the windows Redis holds under the prefix").contains(String.valueOf(LIMIT));
        assertThat(first.degradations()).isEmpty();
        assertThat(second.degradations()).isEmpty();
        assertThat(firstMeters.get("tollgate.redis.fallbacks").functionCounter().count()).isZero();
    }

    @Test
    void withRedisCut_theLimitHoldsThroughTheStore_degradationsSaySo_andClearOnRecovery() throws Exception {
        try (RedisProxy proxy = RedisProxy.to(TestRedis.url())) {
            Tollgate first = node(proxy.url(), firstMeters);
            Tollgate second = node(proxy.url(), new SimpleMeterRegistry());
            String key = keyLimitedTo(first, "grace", LIMIT);
            assertThat(verifyConcurrently(key, first).get(0).isDone()).isTrue();

            proxy.cut();
            assertThat(Eventually.holds(() -> !first.degradations().isEmpty() && !second.degradations().isEmpty()))
                    .isTrue();
            List<Outcome<KeyVerification.Granted>> during = verifyConcurrently(key, first, second);

            assertThat(during).filteredOn(Outcome::isDone).as("granted while Redis is cut, in a window of its own")
                    .hasSize(LIMIT);
            assertThat(first.degradations()).containsExactly("rate limits are counted in the store: Redis is unreachable");
            assertThat(firstMeters.get("tollgate.redis.fallbacks").functionCounter().count()).isPositive();
            assertThat(firstMeters.get("tollgate.redis.degraded").gauge().value()).isEqualTo(1.0);

            proxy.restore();
            assertThat(Eventually.holds(() -> first.degradations().isEmpty() && second.degradations().isEmpty()))
                    .isTrue();
            assertThat(firstMeters.get("tollgate.redis.degraded").gauge().value()).isZero();
            assertThat(verifyConcurrently(key, first, second)).as("the Redis window, full of its 1 + 9 more")
                    .filteredOn(Outcome::isDone).hasSize(LIMIT - 1);
        }
    }

    private Tollgate node(String redisUrl, SimpleMeterRegistry meters) {
        Tollgate tollgate = Tollgate.builder()
                .stores(stores)
                .redis(redisUrl, prefix)
                .mailer(mailer)
                .clock(clock)
                .passwordHasher(new FastTestPasswordHasher(new SeededRandomSource(7)))
                .backgroundExecutor(Runnable::run)
                .meterRegistry(meters)
                .build();
        opened.add(tollgate);
        return tollgate;
    }

    /** A verified user's API key, its plan's rate limit overridden to {@code limit} a minute. */
    private String keyLimitedTo(Tollgate tollgate, String name, int limit) {
        String email = name + "@example.com";
        Registered registered = tollgate.registration()
                .register(Registration.of(TenantId.DEFAULT, name, email, "analytical-Engine-1843")).orElseThrow();
        tollgate.emailAddresses().verify(registered.user().ref(), mailer.lastCodeFor(Email.of(email)).orElseThrow(),
                RequestContext.NONE).orElseThrow();
        stores.subscriptions().save(new Subscription(registered.user().ref(), "free", Map.of("credits", 1_000_000L),
                limit, Set.of(), clock.instant()));
        return registered.apiKey().secret();
    }

    /** {@link #CALLS} verifications (or one, with one instance), spread over the instances from as many threads. */
    private static List<Outcome<KeyVerification.Granted>> verifyConcurrently(String key, Tollgate... nodes)
            throws Exception {
        int calls = nodes.length == 1 ? 1 : CALLS;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome<KeyVerification.Granted>>> pending = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                Tollgate node = nodes[i % nodes.length];
                pending.add(threads.submit(() -> node.verification().verify(KeyCheck.of(TenantId.DEFAULT, key))));
            }
            List<Outcome<KeyVerification.Granted>> answers = new ArrayList<>();
            for (Future<Outcome<KeyVerification.Granted>> answer : pending) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The counts of every window held in Redis under this test's prefix. */
    private List<String> countsInRedis() {
        RedisClient client = RedisClient.create(TestRedis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys(prefix + "*").stream()
                    .filter(found -> "hash".equals(connection.sync().type(found)))
                    .map(found -> connection.sync().hget(found, "n"))
                    .toList();
        } finally {
            client.shutdown();
        }
    }
}
