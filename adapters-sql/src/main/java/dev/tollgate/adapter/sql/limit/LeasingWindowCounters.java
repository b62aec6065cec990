package dev.tollgate.adapter.sql.limit;

import dev.tollgate.adapter.sql.LeaseSettings;
import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.HeldLeases;
import dev.tollgate.adapter.sql.internal.LeaseKeeper;
import dev.tollgate.adapter.sql.internal.MissingRows;
import dev.tollgate.adapter.sql.limit.SqlWindowCounters.Call;
import dev.tollgate.adapter.sql.limit.SqlWindowCounters.Window;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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
public final class LeasingWindowCounters implements WindowCounters, LeaseKeeper.Tenure {

    /** What this process holds of one counter. */
    private static final class Held extends HeldLeases.Held {
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
        public void release() {
            generation = 0;
            left = 0;
            windowEnd = null;
        }
    }

    /**
     * What a lease transaction decided: the call's acquisition, and the lease taken, if one was
     * (its generation, 0 for none, and calls), with the row as stored.
     */
    private record Renewal(Acquisition acquisition, long generation, int leased, Window stored) {
    }

    private final SqlWindowCounters exact;
    private final Database database;
    private final SqlDialect dialect;
    private final LeaseKeeper keeper;
    private final LeaseSettings settings;
    private final HeldLeases<String, Held> held;

    /** @param exact the counters decided in the database, which this takes leases from */
    public LeasingWindowCounters(Database database, SqlWindowCounters exact, LeaseKeeper keeper) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.exact = Objects.requireNonNull(exact, "exact");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.settings = keeper.settings();
        this.held = new HeldLeases<>(Held::new, settings.minimumCalls(), this::giveBackAll);
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

    /** One decision: from this process's lease, or in a transaction that may take one, or in a batch. */
    private Acquisition acquireOnce(CounterKey key, WindowLimit limit, Call call) {
        Held own = held.lock(call.key());
        try {
            Acquisition local = count(own, call);
            if (local != null) {
                return local;
            }
            if (own.holds() || !own.tooSmall) {
                return renew(own, call);
            }
        } finally {
            own.lock.unlock();
        }
        Acquisition batched = exact.tryAcquire(key, limit, call.now());
        observe(call.key(), call.limit(), batched);
        if (batched.isGranted()) {
            return batched;
        }
        // a thread of this process may have leased the window's last calls meanwhile: give them back and decide again
        Held again = held.lock(call.key());
        try {
            return again.holds() ? renew(again, call) : batched;
        } finally {
            again.lock.unlock();
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
     * In one transaction, holding the row's lock: gives back what is left of the lease held,
     * decides the call and, when the window has room enough, takes a new lease. Called holding
     * {@code own.lock}.
     */
    private Acquisition renew(Held own, Call call) {
        long started = System.nanoTime();
        // a lease used up before its time: the next one is twice as big
        long calls = own.usedUpInTime(started) ? Math.min(own.nextCalls * 2, settings.maximumCalls()) : own.nextCalls;
        Renewal renewal = database.inTransactionCreatingOnFirstUse("lease window", (handle, create) ->
                renewIn(handle, own, call, calls, create));
        own.release();
        own.nextCalls = calls;
        if (renewal.generation() != 0) {
            hold(own, renewal, call.limit(), started);
        } else {
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

    private Renewal renewIn(Handle handle, Held own, Call call, long calls, boolean create) {
        if (create) {
            exact.ensureRows(handle, List.of(call));
        }
        Window stored = exact.lockRows(handle, List.of(call.key())).get(call.key());
        if (stored == null && !create) {
            throw new MissingRows();
        }
        // an absent row (a counter is never deleted) counts as an ended window
        Window window = stored != null ? stored : new Window(call.now(), 0);
        if (own.holds() && deleteLease(handle, call.key(), own.generation) == 1 && window.end().equals(own.windowEnd)) {
            window = new Window(window.end(), Math.max(0, window.hits() - own.left));
        }
        SortedMap<String, Window> changed = new TreeMap<>();
        if (!window.equals(stored)) {
            changed.put(call.key(), window);
        }
        boolean open = window.end().isAfter(call.now());
        if (open && window.hits() >= call.limit()) {
            exact.store(handle, changed);
            return new Renewal(Acquisition.refused(window.hits(), window.end()), 0, 0, window);
        }
        Window counted = open ? new Window(window.end(), window.hits() + 1) : new Window(call.end(), 1);
        Renewal renewal = lease(counted, call.limit(), calls);
        if (renewal.generation() != 0) {
            insertLease(handle, call.key(), renewal);
        }
        changed.put(call.key(), renewal.stored());
        exact.store(handle, changed);
        return renewal;
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

    /**
     * Records this holder's new lease of the window; answers its generation. A row of this holder
     * still there (one it could not give back while the database was away) is replaced: what was
     * left of it counts as used.
     */
    private void insertLease(Handle handle, String key, Renewal lease) {
        handle.createUpdate("INSERT INTO tg_window_leases (counter_key, holder, generation, window_end, amount, "
                        + "expires_at) VALUES (?, ?, ?, ?, ?, " + dialect.epochMillisNow() + " + ?) "
                        + "ON CONFLICT (counter_key, holder) DO UPDATE SET generation = excluded.generation, "
                        + "window_end = excluded.window_end, amount = excluded.amount, expires_at = excluded.expires_at")
                .bind(0, key)
                .bind(1, keeper.holder())
                .bind(2, lease.generation())
                .bind(3, dialect.instant(lease.stored().end()))
                .bind(4, lease.leased())
                .bind(5, settings.lifetime().toMillis())
                .execute();
    }

    private int deleteLease(Handle handle, String key, long generation) {
        return handle.createUpdate("DELETE FROM tg_window_leases WHERE counter_key = ? AND holder = ? "
                        + "AND generation = ?")
                .bind(0, key)
                .bind(1, keeper.holder())
                .bind(2, generation)
                .execute();
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
        Optional<OpenWindow> stored = exact.current(key, now);
        Held own = held.peek(key.value());
        if (stored.isEmpty() || own == null) {
            return stored;
        }
        own.lock.lock();
        try {
            if (own.holds() && own.windowEnd.equals(stored.get().resetsAt())) {
                return Optional.of(new OpenWindow(Math.max(0, stored.get().count() - own.left),
                        stored.get().resetsAt()));
            }
            return stored;
        } finally {
            own.lock.unlock();
        }
    }

    @Override
    public void returnExpired() {
        held.giveBackDue(false);
    }

    @Override
    public void returnAll() {
        held.giveBackDue(true);
    }

    /**
     * In one transaction, locking the rows in key order: gives back what is left of each lease
     * still this holder's (to its window, if that is still the row's) and, with {@code renew},
     * takes a new one of the same window for each that served calls (sized by them,
     * {@link HeldLeases#renewedSize}).
     */
    private Set<String> giveBackAll(SortedMap<String, Held> leases, boolean renew) {
        long started = System.nanoTime();
        Map<String, Renewal> renewals = database.inTransactionRetryingConflict("give back window leases", handle -> {
            Map<String, Window> rows = exact.lockRows(handle, leases.keySet());
            List<String> renewing = new ArrayList<>();
            List<Renewal> next = new ArrayList<>();
            List<String> ending = new ArrayList<>();
            List<Window> back = new ArrayList<>();
            PreparedBatch renewed = handle.prepareBatch("UPDATE tg_window_leases SET generation = ?, amount = ?, "
                    + "expires_at = " + dialect.epochMillisNow() + " + ? WHERE counter_key = ? AND holder = ? "
                    + "AND generation = ?");
            PreparedBatch ended = handle.prepareBatch("DELETE FROM tg_window_leases WHERE counter_key = ? AND holder = ? "
                    + "AND generation = ?");
            for (Map.Entry<String, Held> lease : leases.entrySet()) {
                String key = lease.getKey();
                Held own = lease.getValue();
                Window row = rows.get(key);
                boolean sameWindow = row != null && row.end().equals(own.windowEnd);
                Window returned = sameWindow ? new Window(row.end(), Math.max(0, row.hits() - own.left)) : null;
                long wanted = renew && sameWindow
                        ? HeldLeases.renewedSize(own, settings.minimumCalls(), settings.maximumCalls()) : 0;
                Renewal fresh = wanted == 0 ? null : lease(returned, own.limit, wanted);
                if (fresh != null && fresh.generation() != 0) {
                    renewed.bind(0, fresh.generation()).bind(1, fresh.leased()).bind(2, settings.lifetime().toMillis())
                            .bind(3, key).bind(4, keeper.holder()).bind(5, own.generation).add();
                    renewing.add(key);
                    next.add(fresh);
                } else {
                    ended.bind(0, key).bind(1, keeper.holder()).bind(2, own.generation).add();
                    ending.add(key);
                    back.add(returned);
                }
            }
            SortedMap<String, Window> changed = new TreeMap<>();
            Map<String, Renewal> taken = new HashMap<>();
            int[] stillOurs = renewing.isEmpty() ? new int[0] : renewed.execute();
            for (int i = 0; i < stillOurs.length; i++) {
                // a lease forfeited meanwhile (0 rows) counts as used: nothing of it comes back
                if (stillOurs[i] == 1) {
                    changed.put(renewing.get(i), next.get(i).stored());
                    taken.put(renewing.get(i), next.get(i));
                }
            }
            int[] gone = ending.isEmpty() ? new int[0] : ended.execute();
            for (int i = 0; i < gone.length; i++) {
                if (gone[i] == 1 && back.get(i) != null) {
                    changed.put(ending.get(i), back.get(i));
                }
            }
            exact.store(handle, changed);
            return taken;
        });
        for (Map.Entry<String, Renewal> renewal : renewals.entrySet()) {
            Held own = leases.get(renewal.getKey());
            int count = own.count;
            hold(own, renewal.getValue(), own.limit, started);
            own.count = count;
        }
        return renewals.keySet();
    }

    @Override
    public void forfeitForsaken() {
        database.call("forfeit window leases", handle -> handle.createUpdate("DELETE FROM tg_window_leases WHERE "
                        + "expires_at < " + dialect.epochMillisNow() + " - ?")
                .bind(0, settings.grace().toMillis())
                .execute());
    }
}
