package dev.tollgate.adapter.redis;

import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.port.spi.limit.WindowCounters;
import java.util.Objects;
import java.util.Optional;

/**
 * Redis as the fast store several Tollgate processes share: the window counters (throttles and
 * API keys' rate limits), so N nodes enforce one limit, and the channel that carries cache
 * invalidations between them. Every key and the channel start with the prefix given, so several
 * deployments (or tests) share one Redis without meeting.
 */
public final class RedisServices implements AutoCloseable {

    private RedisServices() {
    }

    /**
     * Connects to {@code redisUrl} ({@code redis://[user:password@]host:port[/database]} or
     * {@code rediss://} for TLS); keys and the channel start with {@code keyPrefix}.
     */
    public static RedisServices connect(String redisUrl, String keyPrefix) {
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        throw new UnsupportedOperationException("not built yet (issue 12)");
    }

    /**
     * Window counters on Redis that fall back to {@code fallback} (the store's), with a logged
     * warning, while Redis cannot be reached: never to no limit.
     */
    public WindowCounters counters(WindowCounters fallback) {
        Objects.requireNonNull(fallback, "fallback");
        throw new UnsupportedOperationException("not built yet (issue 12)");
    }

    /** The invalidation channel on Redis pub/sub. */
    public InvalidationBus invalidations() {
        throw new UnsupportedOperationException("not built yet (issue 12)");
    }

    /** What is degraded now (e.g. limits counted in the store because Redis is unreachable); empty when all is well. */
    public Optional<String> degradation() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
