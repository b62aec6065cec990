package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this process knows of invalidations, as sequence numbers: every load takes a ticket
 * before it reads the store, every invalidation takes one when it is applied, and a held entry
 * is fresh only if its ticket is later than the last invalidation of its owner, of its owner's
 * tenant and of everything (the floor). So an invalidation costs one map write whatever is
 * held, and a load that read the store before an invalidation arrived is never served after it.
 */
final class Invalidations {

    /** Beyond this many users (or tenants) remembered, everything held is dropped and they are forgotten. */
    static final int MAX_REMEMBERED = 100_000;

    private final InvalidationBus bus;
    private final int maxRemembered;
    private final AtomicLong sequence = new AtomicLong();
    /** Entries whose ticket is not above this are stale: everything was invalidated since. */
    private final AtomicLong floor = new AtomicLong();
    private final ConcurrentMap<UserRef, Long> users = new ConcurrentHashMap<>();
    private final ConcurrentMap<TenantId, Long> tenants = new ConcurrentHashMap<>();
    private final List<Runnable> onEverything = new CopyOnWriteArrayList<>();
    /** Set when a lookup found the bus disconnected: notices may have been missed meanwhile. */
    private volatile boolean interrupted;

    Invalidations(InvalidationBus bus, int maxRemembered) {
        this.bus = Objects.requireNonNull(bus, "bus");
        if (maxRemembered < 1) {
            throw new IllegalArgumentException("maxRemembered must be positive");
        }
        this.maxRemembered = maxRemembered;
    }

    /** Runs {@code drop} whenever everything is invalidated, to free what is held. */
    void onEverything(Runnable drop) {
        onEverything.add(Objects.requireNonNull(drop, "drop"));
    }

    /** The ticket of a load about to read the store. */
    long ticket() {
        return sequence.incrementAndGet();
    }

    /**
     * Whether entries may be served from memory now: only while the bus is connected. The first
     * lookup that finds it connected again after it was not drops everything, in case the bus's
     * own notice of that comes late.
     */
    boolean serving() {
        if (!bus.connected()) {
            interrupted = true;
            return false;
        }
        if (interrupted) {
            interrupted = false;
            apply(Invalidation.everything());
        }
        return true;
    }

    /** Whether an entry of {@code owner} loaded with {@code ticket} is still good. */
    boolean fresh(UserRef owner, long ticket) {
        // the records first, the floor last: forgetting records raises the floor before it clears them
        Long user = users.get(owner);
        Long tenant = tenants.get(owner.tenant());
        return (user == null || ticket > user) && (tenant == null || ticket > tenant) && ticket > floor.get();
    }

    /** Applies a notice, from the bus or from a write of this process. */
    void apply(Invalidation invalidation) {
        long at = sequence.incrementAndGet();
        switch (invalidation.scope()) {
            case USER -> remember(users, invalidation.userRef().orElseThrow(), at);
            case TENANT -> remember(tenants, invalidation.tenant().orElseThrow(), at);
            case EVERYTHING -> everything(at);
            case NETWORK -> {
                // the IP rules are no lookup held here: the core reads them again itself
            }
        }
    }

    /** Applies {@code invalidation} here at once, then tells the other processes. */
    void changed(Invalidation invalidation) {
        apply(invalidation);
        bus.publish(invalidation);
    }

    private <K> void remember(ConcurrentMap<K, Long> records, K key, long at) {
        records.merge(key, at, Math::max);
        if (records.size() > maxRemembered) {
            // too many to remember: everything held now counts as stale, then the records can go;
            // the floor is raised again after, past any record another thread added meanwhile
            floor.accumulateAndGet(at, Math::max);
            records.clear();
            floor.accumulateAndGet(sequence.incrementAndGet(), Math::max);
        }
    }

    private void everything(long at) {
        floor.accumulateAndGet(at, Math::max);
        onEverything.forEach(Runnable::run);
    }
}
