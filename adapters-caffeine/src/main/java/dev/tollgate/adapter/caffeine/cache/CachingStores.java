package dev.tollgate.adapter.caffeine.cache;

import com.github.benmanes.caffeine.cache.Ticker;
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
 *
 * <p>A write drops this process's entries of its user before it returns, whatever it answered
 * and even when it threw (it may have applied). A load that read the store before an
 * invalidation arrived is never served after it. What the store did not find is not held
 * (but a user's having no subscription is: that is the default plan). Other lookups and
 * every other store pass through unchanged.
 */
public final class CachingStores {

    /** How many entries each lookup holds at most. */
    public static final long MAX_HELD = 50_000;

    private CachingStores() {
    }

    /**
     * {@code stores} with their hot lookups cached, each entry kept for at most
     * {@code safetyExpiry} whatever the bus says.
     */
    public static Stores over(Stores stores, InvalidationBus bus, Duration safetyExpiry) {
        return over(stores, bus, safetyExpiry, Ticker.systemTicker());
    }

    /** As {@link #over(Stores, InvalidationBus, Duration)}, with the expiry timed by {@code ticker}. */
    public static Stores over(Stores stores, InvalidationBus bus, Duration safetyExpiry, Ticker ticker) {
        Objects.requireNonNull(stores, "stores");
        Objects.requireNonNull(bus, "bus");
        HeldLookup.Settings settings = new HeldLookup.Settings(safetyExpiry, ticker, MAX_HELD);
        Invalidations invalidations = new Invalidations(bus, Invalidations.MAX_REMEMBERED);
        bus.subscribe(invalidations::apply);
        return new Stores(
                new CachingUserStore(stores.users(), invalidations, settings),
                new CachingSessionStore(stores.sessions(), invalidations, settings),
                stores.codes(),
                stores.counters(),
                stores.auditLog(),
                stores.archive(),
                new CachingApiKeyStore(stores.apiKeys(), invalidations, settings),
                stores.meters(),
                new CachingSubscriptionStore(stores.subscriptions(), invalidations, settings),
                stores.usage(),
                new PublishingTenantStore(stores.tenants(), invalidations),
                stores.staff(),
                stores.serviceAccounts(),
                stores.directory(),
                stores.notes(),
                stores.statistics(),
                stores.secondFactors(),
                stores.passwordHistory(),
                stores.devices(),
                stores.ipRules());
    }
}
