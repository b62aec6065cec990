package dev.tollgate.adapter.redis.limit;

import dev.tollgate.adapter.redis.RedisServices;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.tck.limit.WindowCountersContract;
import dev.tollgate.testing.redis.TestRedis;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The whole window counters contract, on the test Redis; a fallback that fails proves nothing ran beside Redis. */
class RedisWindowCountersContractTest extends WindowCountersContract {

    private static RedisServices redis;

    @BeforeAll
    static void connect() {
        redis = RedisServices.connect(TestRedis.url(), TestRedis.keyPrefix(RedisWindowCountersContractTest.class));
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected WindowCounters windowCounters() {
        return redis.counters(new WindowCounters() {
            @Override
            public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
                throw new AssertionError("counted in the fallback: the contract must run on Redis");
            }

            @Override
            public Optional<OpenWindow> current(CounterKey key, Instant now) {
                throw new AssertionError("read from the fallback: the contract must run on Redis");
            }
        });
    }
}
