package dev.tollgate.adapter.sql.limit;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.BatchUsage;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.GroupCommit;
import dev.tollgate.adapter.sql.internal.HeldLeases;
import dev.tollgate.adapter.sql.internal.LeaseKeeper;
import dev.tollgate.adapter.sql.internal.MissingRows;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.adapter.sql.limit.SqlWindowCounters.Call;
import dev.tollgate.adapter.sql.limit.SqlWindowCounters.Window;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link WindowCounters} over {@link SqlWindowCounters} that lease blocks of a window's calls to
 * this process ({@link LeaseSettings}), so that most counts of a busy key are decided in memory.
 *
 * <p>A lease is taken in one transaction with the call that needed it: the counter's row is
 * locked, what is left of this process's previous lease of the same window goes back, the call
 * is counted (or refused) as {@link SqlWindowCounters} would, and then, when the window has room
 * for at least {@code minimumCalls} without taking more than {@code 1/share} of the room left,
 * the lease is counted too and recorded in {@code tg_window_leases}. Calls of the key in that
 * window are then counted from the lease, answering the window's count as of the lease plus the
 * calls counted since. A lease serves only calls under the same limit, within its window and
 * before it expires; what is left of it goes back when it expires (to the window it came from,
 * if that window is still the row's; a lease of an ended window is dropped). A refusal is
 * decided in the database after this process gave back its own lease, and waits for the leases
 * other processes hold of the same window before it stands, so a window refuses only when its
 * limit is counted, every lease together included. Small limits never lease: their calls are
 * decided in the database, batched, as without leases.
 */
public final class LeasingWindowCounters implements WindowCounters, LeaseKeeper.Tenure,
        HeldLeases.Tenancy<String, LeasingWindowCounters.Held, LeasingWindowCounters.Lease> {

    /** What this process holds of one counter. */
    static final class Held extends HeldLeases.Held {
        /** The window the lease belongs to, and the limit it was taken under. */
        Instant windowEnd;
        int limit;
        /** Calls left in the lease. */
        int left;
        /** The count the last call counted here answered. */
        int count;

        @Override
        protected boolean hasLeft() {
            return left > 0;
        }

        @Override
        protected long unitsLeft() {
            return left;
        }

        @Override
        public void release() {
            generation = 0;
            left = 0;
            windowEnd = null;
        }
    }

    /**
     * A lease as the keeper saw it: its generation, window and limit, the calls left of it and
     * the calls an extension would want; with the calls an extension added.
     */
    record Lease(long generation, Instant windowEnd, int limit, int left, long wanted, int extra) {
    }

    /**
     * What a lease transaction decided: the call's acquisition, and the lease taken, if one was
     * (its generation, 0 for none, and calls), with the row as stored.
     */
    private record Renewal(Acquisition acquisition, long generation, int leased, Window stored) {
    }

    /** A call to decide in a renewal: with {@code old}, the lease to give back (null for none), and the calls of the new one. */
    private record Renewing(Lease old, Call call, long calls) {
    }

    private final SqlWindowCounters exact;
    private final Database database;
    private final SqlDialect dialect;
    private final LeaseKeeper keeper;
    private final LeaseSettings settings;
    private final HeldLeases<String, Held, Lease> held;
    private final GroupCommit<Renewing, Renewal> renewals;

    /** @param exact the counters decided in the database, which this takes leases from */
    public LeasingWindowCounters(Database database, SqlWindowCounters exact, LeaseKeeper keeper) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.exact = Objects.requireNonNull(exact, "exact");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.settings = keeper.settings();
        this.held = new HeldLeases<>(Held::new, settings.minimumCalls(), keeper.aheadNanos(), this);
        this.renewals = HeldLeases.renewals(database, "lease windows", this::renewAllIn);
        keeper.register(this);
    }

    /** The counters decided in the database, which leases are taken from. */
    public SqlWindowCounters exact() {
        return exact;
    }

    @Override
    public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
        Call call = Call.of(key, limit, now);
        Acquisition decided = acquireOnce(key, limit, call);
        if (decided.isGranted()) {
            return decided;
        }
        return keeper.awaitOthers(() -> othersHold(call.key(), call.now()), () -> acquireOnce(key, limit, call));
    }

    /**
     * One decision: from this process's lease; or in a transaction that gives it back and may
     * take a new one (holding the entry's lock, so the key's other calls of this process wait for
     * it); or, when the window has too little room to lease, in a batch.
     */
    private Acquisition acquireOnce(CounterKey key, WindowLimit limit, Call call) {
        Held own = held.lock(call.key());
        try {
            Acquisition local = count(own, call);
            while (local == null && own.settling > 0) {
                // the keeper is giving back or extending this lease: decide once it is done
                own.lock.unlock();
                HeldLeases.waitForSettlement();
                own = held.lock(call.key());
                local = count(own, call);
            }
            if (local != null) {
                return local;
            }
            if (own.holds() || (!own.tooSmall && own.batchedInFlight == 0)) {
                // a lease used up before its time: the next one is twice as big
                long calls = own.usedUpInTime(System.nanoTime()) ? Math.min(own.nextCalls * 2, settings.maximumCalls())
                        : own.nextCalls;
                return renew(own, own.holds() ? snapshot(own) : null, call, calls);
            }
            own.batchedInFlight++;
        } finally {
            own.lock.unlock();
        }
        Acquisition batched;
        try {
            batched = exact.tryAcquire(key, limit, call.now());
        } finally {
            ended(own);
        }
        observe(call.key(), call.limit(), batched);
        if (batched.isGranted()) {
            return batched;
        }
        // a call of this process may have leased the window's last calls meanwhile: give them back and decide again
        return giveBackOwn(call.key()) ? exact.tryAcquire(key, limit, call.now()) : batched;
    }

    /** A batched decision of {@code own}'s row has ended. */
    private static void ended(Held own) {
        own.lock.lock();
        try {
            own.batchedInFlight--;
        } finally {
            own.lock.unlock();
        }
    }

    /** Gives back the lease this process holds of the key's window; answers whether there was one. */
    private boolean giveBackOwn(String key) {
        Held own = held.lockSettled(key);
        try {
            boolean holds = own.holds();
            held.giveBackNow(key, own);
            return holds;
        } finally {
            own.lock.unlock();
        }
    }

    /** Counts the call from the lease held, if it serves the call; null otherwise. */
    private static Acquisition count(Held own, Call call) {
        if (!own.holds() || own.limit != call.limit() || !own.windowEnd.isAfter(call.now())
                || System.nanoTime() - own.deadline >= 0 || own.left < 1) {
            return null;
        }
        own.left--;
        own.count++;
        own.callsServed++;
        own.unitsServed++;
        return Acquisition.granted(own.count, own.windowEnd);
    }

    /**
     * In one transaction (shared with other rows' renewals, {@link HeldLeases#renewals}): gives
     * back {@code old} (the lease {@code own} holds, if any), decides the call and, when the window
     * has room enough, takes a new lease of {@code calls} calls, which {@code own} then holds.
     * Called holding {@code own.lock}.
     */
    private Acquisition renew(Held own, Lease old, Call call, long calls) {
        long started = System.nanoTime();
        Renewal renewal = renewals.submit(new Renewing(old, call, calls));
        own.release();
        own.nextCalls = calls;
        if (renewal.generation() != 0) {
            hold(own, renewal, call.limit(), started);
        } else {
            // too little room for a lease: the key's calls are batched until a count says otherwise
            own.nextCalls = settings.minimumCalls();
            own.tooSmall = true;
        }
        return renewal.acquisition();
    }

    /** {@code own} holds the lease {@code renewal} took under {@code limit}, from {@code started} on. */
    private void hold(Held own, Renewal renewal, int limit, long started) {
        own.generation = renewal.generation();
        own.windowEnd = renewal.acquisition().resetsAt();
        own.limit = limit;
        own.left = renewal.leased();
        own.count = renewal.acquisition().count();
        own.deadline = started + keeper.lifetimeNanos();
        own.callsServed = 0;
        own.unitsServed = 0;
        own.tooSmall = false;
    }

    /**
     * Decides {@code requests} (of different keys) in {@code handle}'s transaction, in a few
     * statements for all of them: each as {@link #renew} describes.
     */
    private List<Renewal> renewAllIn(Handle handle, List<Renewing> requests, boolean create) {
        if (create) {
            exact.ensureRows(handle, requests.stream().map(Renewing::call).toList());
        }
        Map<String, Window> rows = exact.lockRows(handle, requests.stream().map(r -> r.call().key()).toList());
        if (!create && rows.size() < requests.size()) {
            throw new MissingRows();
        }
        SortedMap<String, Lease> old = HeldLeases.givenBack(requests, r -> r.call().key(), Renewing::old);
        Set<String> returned = deleteLeases(handle, old);
        SortedMap<String, Window> changed = new TreeMap<>();
        Map<String, Renewal> leases = new TreeMap<>();
        List<Renewal> answers = new ArrayList<>(requests.size());
        for (Renewing request : requests) {
            Call call = request.call();
            Window stored = rows.get(call.key());
            // an absent row (a counter is never deleted) counts as an ended window
            Window window = stored != null ? stored : new Window(call.now(), 0);
            Lease given = request.old();
            if (given != null && returned.contains(call.key()) && window.end().equals(given.windowEnd())) {
                window = new Window(window.end(), Math.max(0, window.hits() - given.left()));
            }
            boolean open = window.end().isAfter(call.now());
            if (open && window.hits() >= call.limit()) {
                if (!window.equals(stored)) {
                    changed.put(call.key(), window);
                }
                answers.add(new Renewal(Acquisition.refused(window.hits(), window.end()), 0, 0, window));
                continue;
            }
            Window counted = open ? new Window(window.end(), window.hits() + 1) : new Window(call.end(), 1);
            Renewal renewal = lease(counted, call.limit(), request.calls());
            if (renewal.generation() != 0) {
                leases.put(call.key(), renewal);
            }
            changed.put(call.key(), renewal.stored());
            answers.add(renewal);
        }
        insertLeases(handle, leases);
        exact.store(handle, changed);
        return answers;
    }

    /**
     * The lease to take of {@code window} under {@code limit}: {@code wanted} calls, but at most
     * {@code 1/share} of the room left, and none when that is less than {@code minimumCalls}.
     */
    private Renewal lease(Window window, int limit, long wanted) {
        long leased = Math.min((limit - (long) window.hits()) / settings.share(), wanted);
        Acquisition counted = Acquisition.granted(Math.max(1, window.hits()), window.end());
        if (leased < settings.minimumCalls()) {
            return new Renewal(counted, 0, 0, window);
        }
        return new Renewal(counted, keeper.nextGeneration(), (int) leased,
                new Window(window.end(), window.hits() + (int) leased));
    }

    /** Deletes the rows of {@code leases} still this holder's generation; answers the keys of those it deleted. */
    private Set<String> deleteLeases(Handle handle, SortedMap<String, Lease> leases) {
        return HeldLeases.stillHeld(leases, batch(handle, "DELETE FROM tg_window_leases WHERE counter_key = ? "
                + "AND holder = ? AND generation = ?", new ArrayList<>(leases.keySet()), key -> List.of(), leases));
    }

    /**
     * Records this holder's new leases of the windows. A row of an earlier generation of this
     * holder may still be there, given back in a transaction of its own or, if the database was
     * away then, forfeited once it expires.
     */
    private void insertLeases(Handle handle, Map<String, Renewal> leases) {
        if (leases.isEmpty()) {
            return;
        }
        PreparedBatch insert = handle.prepareBatch("INSERT INTO tg_window_leases (counter_key, holder, generation, "
                + "window_end, amount, expires_at) VALUES (?, ?, ?, ?, ?, " + dialect.epochMillisNow() + " + ?)");
        for (Map.Entry<String, Renewal> lease : leases.entrySet()) {
            insert.bind(0, lease.getKey())
                    .bind(1, keeper.holder())
                    .bind(2, lease.getValue().generation())
                    .bind(3, dialect.instant(lease.getValue().stored().end()))
                    .bind(4, lease.getValue().leased())
                    .bind(5, settings.lifetime().toMillis())
                    .add();
        }
        insert.execute();
    }

    /**
     * Whether another process holds a lease of the key's window open at {@code now}, forfeiting
     * first those expired past the grace.
     */
    public boolean othersHold(CounterKey key, Instant now) {
        return othersHold(key.value(), now.truncatedTo(ChronoUnit.MICROS));
    }

    private boolean othersHold(String key, Instant now) {
        return database.call("look for window leases", handle -> {
            handle.createUpdate("DELETE FROM tg_window_leases WHERE counter_key = ? AND expires_at < "
                            + dialect.epochMillisNow() + " - ?")
                    .bind(0, key)
                    .bind(1, settings.grace().toMillis())
                    .execute();
            return handle.createQuery("SELECT COUNT(*) FROM tg_window_leases WHERE counter_key = ? AND holder <> ? "
                            + "AND window_end > ?")
                    .bind(0, key)
                    .bind(1, keeper.holder())
                    .bind(2, dialect.instant(now))
                    .mapTo(Long.class)
                    .one() > 0;
        });
    }

    /** Whether calls of {@code key} go to the database batched: no lease held, and too little room to take one. */
    public boolean decidedInDatabase(CounterKey key) {
        Held own = held.peek(key.value());
        return own != null && own.tooSmall && !own.holds();
    }

    /** Notes what a batched decision left: room enough for a lease ends the batching of the key's calls. */
    public void observe(CounterKey key, WindowLimit limit, Acquisition decided) {
        observe(key.value(), limit.limit(), decided);
    }

    private void observe(String key, int limit, Acquisition decided) {
        Held own = held.lock(key);
        try {
            own.tooSmall = !decided.isGranted()
                    || (limit - (long) decided.count()) / settings.share() < settings.minimumCalls();
        } finally {
            own.lock.unlock();
        }
    }

    /** The window as the database has it, less what is left of this process's lease of it. */
    @Override
    public Optional<OpenWindow> current(CounterKey key, Instant now) {
        Held own = held.lockSettled(key.value());
        try {
            Optional<OpenWindow> stored = exact.current(key, now);
            if (stored.isEmpty()) {
                return stored;
            }
            if (own.holds() && own.windowEnd.equals(stored.get().resetsAt())) {
                return Optional.of(new OpenWindow(Math.max(0, stored.get().count() - own.left),
                        stored.get().resetsAt()));
            }
            return stored;
        } finally {
            own.lock.unlock();
        }
    }

    /** How the renewals (window counts that found no lease to serve them) have been batched so far. */
    public BatchUsage renewalBatches() {
        return renewals.usage();
    }

    @Override
    public void returnExpired() {
        held.settleDue(false);
    }

    @Override
    public void returnAll() {
        held.settleDue(true);
    }

    @Override
    public Lease snapshot(Held own) {
        return new Lease(own.generation, own.windowEnd, own.limit, own.left,
                HeldLeases.renewedSize(own, settings.minimumCalls(), settings.maximumCalls()), 0);
    }

    @Override
    public long generation(Lease lease) {
        return lease.generation();
    }

    /**
     * In one transaction, locking the rows in key order: gives back what is left of each lease of
     * {@code returning} still this holder's (to its window, if that is still the row's), and
     * extends each of {@code extending} still this holder's and of the row's window: a later
     * expiry and, when the calls it served want more than is left of it, more of the window's
     * room (at most {@code 1/share} of what is left in all).
     */
    @Override
    public Map<String, Lease> settle(SortedMap<String, Lease> returning, SortedMap<String, Lease> extending) {
        SortedMap<String, Lease> all = new TreeMap<>(returning);
        all.putAll(extending);
        return database.inTransactionRetryingConflict("settle window leases", handle -> {
            Map<String, Window> rows = exact.lockRows(handle, all.keySet());
            SortedMap<String, Window> changed = new TreeMap<>();
            Set<String> gone = deleteLeases(handle, returning);
            for (Map.Entry<String, Lease> ending : returning.entrySet()) {
                Lease lease = ending.getValue();
                Window row = rows.get(ending.getKey());
                if (gone.contains(ending.getKey()) && row != null && row.end().equals(lease.windowEnd())) {
                    changed.put(ending.getKey(), new Window(row.end(), Math.max(0, row.hits() - lease.left())));
                }
            }
            Map<String, Lease> grown = new TreeMap<>();
            for (Map.Entry<String, Lease> entry : extending.entrySet()) {
                Lease lease = entry.getValue();
                Window row = rows.get(entry.getKey());
                if (row != null && row.end().equals(lease.windowEnd())) {
                    long extra = Math.min((lease.limit() - (long) row.hits()) / settings.share(), lease.wanted())
                            - lease.left();
                    grown.put(entry.getKey(), new Lease(lease.generation(), lease.windowEnd(), lease.limit(),
                            lease.left(), lease.wanted(), (int) Math.max(0, extra)));
                }
            }
            List<String> growing = new ArrayList<>(grown.keySet());
            int[] stillOurs = batch(handle, "UPDATE tg_window_leases SET amount = amount + ?, expires_at = "
                    + dialect.epochMillisNow() + " + " + settings.lifetime().toMillis()
                    + " WHERE counter_key = ? AND holder = ? AND generation = ?", growing,
                    key -> List.of(grown.get(key).extra()), grown);
            Map<String, Lease> extended = new TreeMap<>();
            for (int i = 0; i < stillOurs.length; i++) {
                // a lease forfeited meanwhile (0 rows) is not extended
                if (stillOurs[i] == 1) {
                    String key = growing.get(i);
                    Window row = rows.get(key);
                    extended.put(key, grown.get(key));
                    changed.put(key, new Window(row.end(), row.hits() + grown.get(key).extra()));
                }
            }
            exact.store(handle, changed);
            return extended;
        });
    }

    /**
     * Runs {@code sql} once for each of {@code keys}, in one JDBC batch: the values {@code first}
     * gives, then the key's lease (counter key, holder, generation).
     */
    private int[] batch(Handle handle, String sql, List<String> keys, Function<String, List<Object>> first,
            Map<String, Lease> leases) {
        if (keys.isEmpty()) {
            return new int[0];
        }
        PreparedBatch batch = handle.prepareBatch(sql);
        for (String key : keys) {
            int position = 0;
            for (Object value : first.apply(key)) {
                batch.bind(position++, value);
            }
            batch.bind(position, key).bind(position + 1, keeper.holder())
                    .bind(position + 2, leases.get(key).generation()).add();
        }
        return batch.execute();
    }

    @Override
    public void adopt(Held own, Lease extension, long started) {
        own.left += extension.extra();
        own.deadline = started + keeper.lifetimeNanos();
        own.callsServed = 0;
        own.unitsServed = 0;
    }

    @Override
    public void giveBackOrphans(SortedMap<String, Lease> orphans) {
        database.inTransactionRetryingConflict("give back window lease extensions", handle -> {
            Map<String, Window> rows = exact.lockRows(handle, orphans.keySet());
            SortedMap<String, Window> changed = new TreeMap<>();
            for (Map.Entry<String, Lease> orphan : orphans.entrySet()) {
                Window row = rows.get(orphan.getKey());
                if (row != null && row.end().equals(orphan.getValue().windowEnd()) && orphan.getValue().extra() > 0) {
                    changed.put(orphan.getKey(), new Window(row.end(), Math.max(0, row.hits() - orphan.getValue().extra())));
                }
            }
            exact.store(handle, changed);
            return changed.size();
        });
    }

    @Override
    public void forfeitForsaken() {
        database.call("forfeit window leases", handle -> handle.createUpdate("DELETE FROM tg_window_leases WHERE "
                        + "expires_at < " + dialect.epochMillisNow() + " - ?")
                .bind(0, settings.grace().toMillis())
                .execute());
    }
}
