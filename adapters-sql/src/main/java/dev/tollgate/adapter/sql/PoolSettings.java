package dev.tollgate.adapter.sql;

import java.time.Duration;
import java.util.Objects;

/**
 * The connection pool's limits.
 *
 * @param maximumSize        most open connections
 * @param minimumIdle        connections kept open when idle
 * @param connectionTimeout  how long a call waits for a connection before the store reports
 *                           itself unavailable
 * @param idleTimeout        an idle connection above {@code minimumIdle} is closed after this
 * @param maxLifetime        every connection is replaced after this, so none outlives a
 *                           server-side or network timeout
 * @param leakDetection      a connection held longer than this is logged as a possible leak;
 *                           zero turns detection off
 */
public record PoolSettings(
        int maximumSize,
        int minimumIdle,
        Duration connectionTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Duration leakDetection) {

    public PoolSettings {
        if (maximumSize < 1 || minimumIdle < 0 || minimumIdle > maximumSize) {
            throw new IllegalArgumentException("pool sizes need 0 <= minimumIdle <= maximumSize and maximumSize >= 1");
        }
        requireAtLeast(connectionTimeout, Duration.ofMillis(250), "connectionTimeout");
        requireAtLeast(idleTimeout, Duration.ofSeconds(10), "idleTimeout");
        requireAtLeast(maxLifetime, Duration.ofSeconds(30), "maxLifetime");
        Objects.requireNonNull(leakDetection, "leakDetection");
        if (!leakDetection.isZero() && leakDetection.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("leakDetection must be zero (off) or at least 2 s");
        }
    }

    private static void requireAtLeast(Duration value, Duration min, String name) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    public PoolSettings withMaximumSize(int value) {
        return new PoolSettings(value, Math.min(minimumIdle, value), connectionTimeout, idleTimeout, maxLifetime,
                leakDetection);
    }

    public PoolSettings withMinimumIdle(int value) {
        return new PoolSettings(maximumSize, value, connectionTimeout, idleTimeout, maxLifetime, leakDetection);
    }

    public PoolSettings withConnectionTimeout(Duration value) {
        return new PoolSettings(maximumSize, minimumIdle, value, idleTimeout, maxLifetime, leakDetection);
    }

    public PoolSettings withIdleTimeout(Duration value) {
        return new PoolSettings(maximumSize, minimumIdle, connectionTimeout, value, maxLifetime, leakDetection);
    }

    public PoolSettings withMaxLifetime(Duration value) {
        return new PoolSettings(maximumSize, minimumIdle, connectionTimeout, idleTimeout, value, leakDetection);
    }

    public PoolSettings withLeakDetection(Duration value) {
        return new PoolSettings(maximumSize, minimumIdle, connectionTimeout, idleTimeout, maxLifetime, value);
    }
}
