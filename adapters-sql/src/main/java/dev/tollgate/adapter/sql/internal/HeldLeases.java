package dev.tollgate.adapter.sql.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What this process holds of each leased row (a balance, a window), one entry per row with its
 * own lock, and the giving back of leases due: the part the leasing ledger and the leasing
 * counters share.
 *
 * @param <K> a row's key, in the order transactions lock rows
 * @param <H> what is held of a row
 */
public final class HeldLeases<K extends Comparable<K>, H extends HeldLeases.Held> {

    /** An entry holding nothing, unused this long, is dropped: one per row ever used would grow without end. */
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** What this process holds of one row; every field is guarded by {@link #lock}. */
    public abstract static class Held {
        public final ReentrantLock lock = new ReentrantLock();
        /** The generation of the lease row held; 0 when none is held. */
        public long generation;
        /** When the lease stops serving ({@link System#nanoTime()}). */
        public long deadline;
        /** The calls the next lease covers. */
        public long nextCalls;
        /** The last decision found too little left to lease: the row's calls are decided in the database, batched. */
        public boolean tooSmall;
        /** Calls served from the lease held, and what they took (units of a balance, calls of a window). */
        public long callsServed;
        public long unitsServed;
        /** When a call last used the entry ({@link System#nanoTime()}). */
        long lastUsed;

        public boolean holds() {
            return generation != 0;
        }

        /** Whether the lease held was spent from, or taken, before its deadline and is used up. */
        public boolean usedUpInTime(long now) {
            return holds() && !hasLeft() && now - deadline < 0;
        }

        /** Whether anything is left of the lease held. */
        protected abstract boolean hasLeft();

        /** Holds nothing any more (given back, forfeited or dropped). */
        public abstract void release();
    }

    /**
     * Gives back, in one transaction, what is left of each lease of the map (every entry locked by
     * the caller); with {@code renew}, takes a new lease in the same transaction for each one that
     * served calls, sized by them. Answers the keys renewed, whose entries hold their new lease
     * once the transaction has committed; the others are released.
     */
    @FunctionalInterface
    public interface GiveBack<K, H> {
        Set<K> giveBack(SortedMap<K, H> leases, boolean renew);
    }

    private final Map<K, H> held = new ConcurrentHashMap<>();
    private final Supplier<H> fresh;
    private final GiveBack<K, H> giveBack;
    private final int minimumCalls;

    public HeldLeases(Supplier<H> fresh, int minimumCalls, GiveBack<K, H> giveBack) {
        this.fresh = Objects.requireNonNull(fresh, "fresh");
        this.giveBack = Objects.requireNonNull(giveBack, "giveBack");
        this.minimumCalls = minimumCalls;
    }

    /**
     * The entry of {@code key}, locked: the one in the map (an idle entry dropped in between is
     * not used, since a lease taken into it would never be given back).
     */
    public H lock(K key) {
        while (true) {
            H own = held.computeIfAbsent(key, k -> {
                H entry = fresh.get();
                entry.nextCalls = minimumCalls;
                return entry;
            });
            own.lock.lock();
            if (held.get(key) == own) {
                own.lastUsed = System.nanoTime();
                return own;
            }
            own.lock.unlock();
        }
    }

    /** The entry of {@code key}, if there is one, not locked. */
    public H peek(K key) {
        return held.get(key);
    }

    /** Every entry, not locked. */
    public Map<K, H> entries() {
        return held;
    }

    /**
     * Gives back the leases due (or all), in one transaction: those due and not in use now (a
     * call using one renews it itself), or with {@code all} every one, waiting for calls using
     * them. Drops entries holding nothing that were long unused. Each lease given back is
     * released, given back or not (the database away: it is forfeited after expiring), and a
     * lease that was not used up in its lifetime makes the next one of its row smaller.
     */
    public void giveBackDue(boolean all) {
        long now = System.nanoTime();
        SortedMap<K, H> due = new TreeMap<>();
        try {
            for (Map.Entry<K, H> entry : held.entrySet()) {
                H own = entry.getValue();
                if (all) {
                    own.lock.lock();
                } else if (!own.lock.tryLock()) {
                    continue;
                }
                if (own.holds() && (all || now - own.deadline >= 0)) {
                    due.put(entry.getKey(), own);
                    continue;
                }
                if (!own.holds() && now - own.lastUsed > IDLE_NANOS) {
                    held.remove(entry.getKey(), own);
                }
                own.lock.unlock();
            }
            if (!due.isEmpty()) {
                giveBackLocked(due, !all);
            }
        } finally {
            for (H own : due.values()) {
                own.lock.unlock();
            }
        }
    }

    /** Gives back the lease of {@code own} now, if it holds one; the caller holds its lock. */
    public void giveBackNow(K key, H own) {
        if (own.holds()) {
            SortedMap<K, H> one = new TreeMap<>();
            one.put(key, own);
            giveBackLocked(one, false);
        }
    }

    private void giveBackLocked(SortedMap<K, H> due, boolean renew) {
        Set<K> renewed = Set.of();
        try {
            renewed = giveBack.giveBack(due, renew);
        } finally {
            for (Map.Entry<K, H> entry : due.entrySet()) {
                if (!renewed.contains(entry.getKey())) {
                    entry.getValue().release();
                }
            }
        }
    }

    /**
     * The size of a lease renewed for {@code own}, in units: twice what the lease served in its
     * lifetime, at least {@code minimumCalls} and at most {@code maximumCalls} calls of the
     * average cost served; 0 when it served nothing.
     */
    public static long renewedSize(Held own, int minimumCalls, int maximumCalls) {
        if (own.callsServed == 0) {
            return 0;
        }
        long cost = Math.max(1, own.unitsServed / own.callsServed);
        long calls = Math.max(minimumCalls, Math.min(maximumCalls, own.callsServed * 2));
        return saturatedProduct(calls, cost);
    }

    /** {@code calls * cost}, or {@link Long#MAX_VALUE} when it overflows. */
    public static long saturatedProduct(long calls, long cost) {
        long product = calls * cost;
        return Math.multiplyHigh(calls, cost) != 0 || product < 0 ? Long.MAX_VALUE : product;
    }
}
