package dev.tollgate.adapter.caffeine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tollgate.port.UserRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One cached lookup: what the store answered for a key, with the ticket of its load, served
 * while {@link Invalidations} says it is fresh. What a load did not find is not held unless the
 * lookup is told to, so unknown digests neither fill the cache nor hide a key created later.
 *
 * @param <K> the lookup's key
 * @param <V> what the store answers
 */
final class HeldLookup<K, V> {

    private final Invalidations invalidations;
    private final Cache<K, Held<V>> held;
    private final BiFunction<K, V, UserRef> owner;

    private HeldLookup(Invalidations invalidations, Settings settings, BiFunction<K, V, UserRef> owner) {
        this.invalidations = Objects.requireNonNull(invalidations, "invalidations");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.held = Caffeine.newBuilder()
                .maximumSize(settings.maxHeld())
                .expireAfterWrite(settings.safetyExpiry())
                .ticker(settings.ticker())
                .build();
        invalidations.onEverything(held::invalidateAll);
    }

    /** The held answer for {@code key} if fresh, else what {@code load} reads, held when present. */
    Optional<V> find(K key, Supplier<Optional<V>> load) {
        boolean serving = invalidations.serving();
        if (serving) {
            Held<V> entry = held.getIfPresent(key);
            if (entry != null && invalidations.fresh(owner.apply(key, entry.value()), entry.ticket())) {
                return Optional.of(entry.value());
            }
        }
        long ticket = invalidations.ticket();
        Optional<V> loaded = load.get();
        if (serving && loaded.isPresent()) {
            held.put(key, new Held<>(loaded.get(), ticket));
        }
        return loaded;
    }

    private record Held<V>(V value, long ticket) {
    }

    /**
     * What every lookup of one {@link CachingStores} shares.
     *
     * @param safetyExpiry how long an entry is held at most, whatever the bus says
     * @param ticker       the time of the expiry
     * @param maxHeld      entries held at most per lookup
     */
    record Settings(Duration safetyExpiry, Ticker ticker, long maxHeld) {

        Settings {
            Objects.requireNonNull(safetyExpiry, "safetyExpiry");
            Objects.requireNonNull(ticker, "ticker");
            if (safetyExpiry.isNegative() || safetyExpiry.isZero()) {
                throw new IllegalArgumentException("safetyExpiry must be positive");
            }
            if (maxHeld < 1) {
                throw new IllegalArgumentException("maxHeld must be positive");
            }
        }

        /** A lookup whose entries belong to the user {@code owner} names. */
        <K, V> HeldLookup<K, V> lookup(Invalidations invalidations, BiFunction<K, V, UserRef> owner) {
            return new HeldLookup<>(invalidations, this, owner);
        }
    }
}
