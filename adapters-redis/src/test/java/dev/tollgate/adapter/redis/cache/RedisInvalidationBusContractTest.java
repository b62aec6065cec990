package dev.tollgate.adapter.redis.cache;

import dev.tollgate.adapter.redis.RedisServices;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.tck.cache.InvalidationBusContract;
import dev.tollgate.testing.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The invalidation bus contract on the test Redis: each bus with connections of its own, as another process's. */
class RedisInvalidationBusContractTest extends InvalidationBusContract {

    private static RedisServices redis;

    @BeforeAll
    static void connect() {
        redis = RedisServices.connect(TestRedis.url(), TestRedis.keyPrefix(RedisInvalidationBusContractTest.class));
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected InvalidationBus newBus() {
        return redis.invalidations();
    }
}
