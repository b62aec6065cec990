package dev.tollgate.server;

import dev.tollgate.testing.redis.TestRedis;
import java.util.Map;

/**
 * Several processes sharing one PostgreSQL database and one Redis: the window counters are
 * counted in Redis and invalidations travel over Redis pub/sub, under a key prefix of this
 * class's own. Skipped, saying why, where no test Redis is available.
 */
class SeveralNodesOnPostgresAndRedisIT extends SeveralNodes {

    @Override
    Map<String, String> deploymentSettings() {
        return Map.of("TOLLGATE_REDIS_URL", TestRedis.url(),
                "TOLLGATE_REDIS_PREFIX", TestRedis.keyPrefix(SeveralNodesOnPostgresAndRedisIT.class));
    }
}
