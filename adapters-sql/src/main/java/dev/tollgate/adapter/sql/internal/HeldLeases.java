package dev.tollgate.adapter.sql.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * What this process holds of each leased row (a balance, a window), one entry per row with its
 * own lock, and the keeper's part in it: the part the leasing ledger and the leasing counters
 * share.
 *
 * <p>The keeper never holds an entry's lock while it talks to the database (a thread
 * descheduled holding one would stall every call of that row). For each lease due it takes a
 * {@link Tenancy#snapshot} under a brief lock: a lease that served calls keeps serving and is
 * extended (more of the row taken, a later expiry) in a transaction, then the extension is
 * adopted under the lock again; a lease that served nothing is released at once and what was
 * left of it given back afterwards. A call that renews the lease itself in between (it gives the
 * lease back and takes a new one in one transaction, holding the entry's lock) makes the
 * extension an orphan, which is given back too.
 *
 * @param <K> a row's key, in the order transactions lock rows
 * @param <H> what is held of a row
 * @param <S> a snapshot of a lease, with what an extension added to it
 */
public final class HeldLeases<K extends Comparable<K>, H extends HeldLeases.Held, S> {

    /** Leases settled in one transaction at most, so one of them waits little for the others. */
    private static final int CHUNK = 64;
    /** Renewals decided in one transaction at most ({@link #renewals}). */
    private static final int RENEWAL_BATCH = 64;
    /**
     * Renewal transactions running at once at most: a few, so that renewals of many rows at once
     * (the first calls after a quiet spell, a window ending for every key) take few commits and
     * leave connections to the rest, and one slow batch does not hold up every other.
     */
    private static final int RENEWAL_CONCURRENCY = 2;
    /** How long a call waits before it looks again whether a settlement in flight has ended. */
    private static final long SETTLING_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
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
        /**
         * Calls of this row being decided in the database, batched, now: no lease is taken while
         * there are any, so no answer from a lease overlaps one from the row without it.
         */
        public int batchedInFlight;
        /**
         * Settlements of the keeper in flight for this entry: what they give back or add is in
         * neither the row nor the entry until they end, so every decision but a take from the
         * lease, and every read, waits for them ({@link HeldLeases#lockSettled}).
         */
        public int settling;
        /** Calls served from the lease held since it was taken or extended, and what they took. */
        public long callsServed;
        public long unitsServed;
        /** When a call last used the entry ({@link System#nanoTime()}). */
        long lastUsed;

        public boolean holds() {
            return generation != 0;
        }

        /** Whether the lease held was used up before its deadline. */
        public boolean usedUpInTime(long now) {
            return holds() && !hasLeft() && now - deadline < 0;
        }

        /** Whether anything is left of the lease held. */
        protected abstract boolean hasLeft();

        /** What is left of the lease held, in the units {@link #unitsServed} counts. */
        protected abstract long unitsLeft();

        /**
         * Whether the lease held is due: its deadline less than {@code ahead} away, or less left
         * of it than half of what it served since it was taken or extended (at that rate it runs
         * out before long, and a call would have to renew it itself).
         */
        boolean due(long now, long ahead) {
            return holds() && (now - (deadline - ahead) >= 0 || (callsServed > 0 && unitsLeft() * 2 < unitsServed));
        }

        /** Holds nothing any more (given back, forfeited or dropped). */
        public abstract void release();
    }

    /** How a store settles its leases with the database. */
    public interface Tenancy<K, H, S> {
        /** The lease {@code own} holds, as it is now (called holding its lock). */
        S snapshot(H own);

        /**
         * In one transaction: gives back what is left of each lease of {@code returning} (only if
         * its row is still this holder's generation) and extends each of {@code extending} by what
         * the calls it served call for. Answers the extensions made, as snapshots with what they
         * added.
         */
        Map<K, S> settle(SortedMap<K, S> returning, SortedMap<K, S> extending);

        /** Adds {@code extension} to the lease {@code own} holds, from {@code started} on (called holding its lock). */
        void adopt(H own, S extension, long started);

        /** Gives back what extensions added to leases that were given back before they could be adopted. */
        void giveBackOrphans(SortedMap<K, S> orphans);

        /** The generation of a snapshot. */
        long generation(S lease);
    }

    private final Map<K, H> held = new ConcurrentHashMap<>();
    private final Supplier<H> fresh;
    private final Tenancy<K, H, S> tenancy;
    private final int minimumCalls;
    private final long aheadNanos;

    /**
     * @param aheadNanos how long before its deadline a lease is due: extended by the keeper before
     *                   a call finds it expired and has to renew it itself
     */
    public HeldLeases(Supplier<H> fresh, int minimumCalls, long aheadNanos, Tenancy<K, H, S> tenancy) {
        this.fresh = Objects.requireNonNull(fresh, "fresh");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
        this.minimumCalls = minimumCalls;
        this.aheadNanos = aheadNanos;
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

    /** The entry of {@code key}, locked, once no settlement of the keeper is in flight for it. */
    public H lockSettled(K key) {
        while (true) {
            H own = lock(key);
            if (own.settling == 0) {
                return own;
            }
            own.lock.unlock();
            waitForSettlement();
        }
    }

    /** Waits a little for a settlement of the keeper in flight. */
    public static void waitForSettlement() {
        LockSupport.parkNanos(SETTLING_NANOS);
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
     * Settles the leases due ({@link Held#due}), or with {@code all}
     * every lease (given back, none extended). Drops entries holding nothing that were long
     * unused.
     */
    public void settleDue(boolean all) {
        long now = System.nanoTime();
        SortedMap<K, S> returning = new TreeMap<>();
        SortedMap<K, S> extending = new TreeMap<>();
        List<H> settling = new ArrayList<>();
        for (Map.Entry<K, H> entry : held.entrySet()) {
            H own = entry.getValue();
            if (all) {
                own.lock.lock();
            } else if (!own.lock.tryLock()) {
                continue; // in use: a call that finds it expired renews it itself
            }
            try {
                if (own.holds() && (all || own.due(now, aheadNanos))) {
                    own.settling++;
                    settling.add(own);
                    if (!all && own.callsServed > 0) {
                        extending.put(entry.getKey(), tenancy.snapshot(own));
                    } else {
                        returning.put(entry.getKey(), tenancy.snapshot(own));
                        if (own.hasLeft()) {
                            // not used up in its lifetime: the next lease is smaller
                            own.nextCalls = Math.max(minimumCalls, own.nextCalls / 2);
                        }
                        own.release();
                    }
                } else if (!own.holds() && now - own.lastUsed > IDLE_NANOS) {
                    held.remove(entry.getKey(), own);
                }
            } finally {
                own.lock.unlock();
            }
            if (returning.size() + extending.size() >= CHUNK) {
                settle(returning, extending, settling);
            }
        }
        if (!returning.isEmpty() || !extending.isEmpty()) {
            settle(returning, extending, settling);
        }
    }

    /** Gives back the lease of {@code own} now, if it holds one; the caller holds its lock. */
    public void giveBackNow(K key, H own) {
        if (own.holds()) {
            SortedMap<K, S> one = new TreeMap<>();
            one.put(key, tenancy.snapshot(own));
            own.release();
            tenancy.settle(one, new TreeMap<>());
        }
    }

    private void settle(SortedMap<K, S> returning, SortedMap<K, S> extending, List<H> settling) {
        long started = System.nanoTime();
        try {
            Map<K, S> extended = tenancy.settle(returning, extending);
            SortedMap<K, S> orphans = new TreeMap<>();
            for (Map.Entry<K, S> extension : extended.entrySet()) {
                H own = held.get(extension.getKey());
                boolean adopted = false;
                if (own != null) {
                    own.lock.lock();
                    try {
                        if (own.generation == tenancy.generation(extension.getValue())) {
                            tenancy.adopt(own, extension.getValue(), started);
                            adopted = true;
                        }
                    } finally {
                        own.lock.unlock();
                    }
                }
                if (!adopted) {
                    orphans.put(extension.getKey(), extension.getValue());
                }
            }
            if (!orphans.isEmpty()) {
                tenancy.giveBackOrphans(orphans);
            }
        } finally {
            // the database away: leases released are forfeited once expired; those not extended serve until their deadline
            returning.clear();
            extending.clear();
            for (H own : settling) {
                own.lock.lock();
                try {
                    own.settling--;
                } finally {
                    own.lock.unlock();
                }
            }
            settling.clear();
        }
    }

    /** Decides a batch of renewals in one transaction. */
    @FunctionalInterface
    public interface Renewing<R, A> {

        /**
         * Decides {@code requests} (of different rows) with {@code handle}'s transaction, locking
         * their rows in key order, and answers in the same order; {@code create} as in
         * {@link Database#inTransactionCreatingOnFirstUse} (throws {@link MissingRows} without it
         * when a row is not there yet).
         */
        List<A> renewAllIn(Handle handle, List<R> requests, boolean create);
    }

    /**
     * Renewals (a call that found no lease to serve it: the lease given back, the call decided and
     * a new lease taken, in one transaction) coalesced, so that concurrent renewals of different
     * rows share a transaction, its statements and its commit ({@link GroupCommit}), while each
     * caller still gets its answer only once its batch has committed: the first calls after a
     * quiet spell, or of every key whose window ends at once, took a transaction each. A caller
     * holds its row's entry lock, so no batch holds two renewals of one row.
     */
    public static <R, A> GroupCommit<R, A> renewals(Database database, String operation, Renewing<R, A> renewing) {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(renewing, "renewing");
        return new GroupCommit<>(requests -> database.inTransactionCreatingOnFirstUse(operation, (handle, create) ->
                renewing.renewAllIn(handle, requests, create)), RENEWAL_BATCH, RENEWAL_CONCURRENCY);
    }

    /**
     * What a batch of renewals gives back: the lease {@code old} names for each request that held
     * one, by its row's key (a batch holds one renewal per row).
     */
    public static <K extends Comparable<K>, R, L> SortedMap<K, L> givenBack(List<R> requests, Function<R, K> key,
            Function<R, L> old) {
        SortedMap<K, L> given = new TreeMap<>();
        for (R request : requests) {
            L lease = old.apply(request);
            if (lease != null) {
                given.put(key.apply(request), lease);
            }
        }
        return given;
    }

    /**
     * Whether each lease of {@code given} was still this holder's: {@code deleted} are the rows a
     * batched delete of them (in their keys' order) removed.
     */
    public static <K> Set<K> stillHeld(SortedMap<K, ?> given, int[] deleted) {
        Set<K> held = new HashSet<>();
        int i = 0;
        for (K key : given.keySet()) {
            if (deleted[i++] == 1) {
                held.add(key);
            }
        }
        return held;
    }

    /**
     * The size of a lease renewed or extended for {@code own}, in units: twice what the lease
     * served since it was taken or extended, at least {@code minimumCalls} and at most
     * {@code maximumCalls} calls of the average cost served; 0 when it served nothing.
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
