package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.cache.InvalidationBus;
import java.time.Duration;
import java.util.Objects;

/**
 * The hot path's lookups (API keys by digest, users by id, subscriptions, sessions by access
 * digest) served from memory, dropped within a second of a change made by any process: each
 * write through these stores publishes an invalidation of the user it touched on the bus, and
 * every process drops what it holds of that user when the notice arrives. While the bus is not
 * connected, lookups go to the store; on reconnection everything held is dropped.
 */
public final class CachingStores {

    private CachingStores() {
    }

    /**
     * {@code stores} with their hot lookups cached, each entry kept for at most
     * {@code safetyExpiry} whatever the bus says.
     */
    public static Stores over(Stores stores, InvalidationBus bus, Duration safetyExpiry) {
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(safetyExpiry, "safetyExpiry");
        return stores; // not built yet (issue 12)
    }
}
