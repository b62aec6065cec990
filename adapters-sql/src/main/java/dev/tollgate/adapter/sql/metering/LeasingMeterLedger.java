package dev.tollgate.adapter.sql.metering;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.BatchUsage;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.GroupCommit;
import dev.tollgate.adapter.sql.internal.HeldLeases;
import dev.tollgate.adapter.sql.internal.LeaseKeeper;
import dev.tollgate.adapter.sql.internal.MissingRows;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.adapter.sql.limit.LeasingWindowCounters;
import dev.tollgate.adapter.sql.metering.SqlMeterLedger.RowKey;
import dev.tollgate.adapter.sql.metering.SqlMeterLedger.Take;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.CountedConsumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A {@link MeterLedger} over {@link SqlMeterLedger} that leases blocks of balances to this
 * process ({@link LeaseSettings}), so that most consumptions are decided in memory.
 *
 * <p>A lease is taken in one transaction with the consumption that needed it: the balance's row
 * is locked, what is left of this process's previous lease of it goes back, the cost is taken,
 * and then the lease: what is left of the allowance first and the top-up after it, as a
 * consumption would, recorded in {@code tg_meter_leases} (holder, generation, amount, expiry on
 * the database's clock). Until it expires the process spends the lease in memory, answering each
 * consumption with the balance as the row had it after the lease plus what is left of the lease;
 * then the {@link LeaseKeeper}'s thread gives what is left back (in one transaction for every
 * lease due, each only if its row in {@code tg_meter_leases} is still this holder's generation:
 * a lease counted as spent by another process is never given back). A lease serves only
 * consumptions naming the allowance it was taken under: a new period, a changed plan or an
 * override first gives it back.
 *
 * <p>Exactness: a take from a lease was taken from the row before it was granted, so no
 * consumption exceeds the balance, in any number of processes, and none is lost if a process
 * dies. A refusal is decided in the database, after this process gave back its own lease;
 * while other processes hold leases of the row, the call waits for them to come back (or to
 * expire past the grace, when they count as spent) and decides again, so nothing is refused that
 * every lease together could still pay. Balances read ({@link #balance}) count this process's
 * lease as unspent and other processes' leases as spent until they come back (within the
 * lease lifetime).
 */
public final class LeasingMeterLedger implements MeterLedger, LeaseKeeper.Tenure,
        HeldLeases.Tenancy<RowKey, LeasingMeterLedger.Held, LeasingMeterLedger.Lease> {

    /** What this process holds of one balance. */
    static final class Held extends HeldLeases.Held {
        /** The allowance the lease was taken under. */
        PeriodAllowance allowance;
        /** What is left of the lease, of the allowance and of the top-up. */
        long allowancePart;
        long topUpPart;
        /** The row's balance without the lease, as of the lease. */
        MeterBalance base;

        @Override
        protected boolean hasLeft() {
            return allowancePart + topUpPart > 0;
        }

        @Override
        protected long unitsLeft() {
            return allowancePart + topUpPart;
        }

        @Override
        public void release() {
            generation = 0;
            allowancePart = 0;
            topUpPart = 0;
            allowance = null;
            base = null;
        }
    }

    /**
     * A lease as the keeper saw it: its generation, the allowance it serves, the period its
     * allowance part was taken in, what was left of it, the units an extension would want and the
     * average cost served; with what an extension added and the row's balance after it.
     */
    record Lease(long generation, PeriodAllowance allowance, Instant takenIn, long allowancePart, long topUpPart,
            long wanted, long cost, long extraAllowance, long extraTopUp, MeterBalance base) {

        Lease extended(long allowance, long topUp, MeterBalance after) {
            return new Lease(generation, this.allowance, takenIn, allowancePart, topUpPart, wanted, cost, allowance,
                    topUp, after);
        }
    }

    /**
     * What a lease transaction decided: the consumption, and the lease taken, if one was (its
     * generation, 0 for none; its parts; the row's balance without it, and the row as stored).
     */
    private record Renewal(Consumption consumption, long generation, long allowancePart, long topUpPart,
            MeterBalance base, StoredBalance stored) {
    }

    /**
     * A consumption to decide in a renewal: with {@code old}, the lease to give back (null for
     * none), and the calls of the new one.
     */
    private record Renewing(Lease old, RowKey row, long cost, PeriodAllowance period, long calls) {
    }

    private final SqlMeterLedger exact;
    private final LeasingWindowCounters counters;
    private final Database database;
    private final SqlDialect dialect;
    private final LeaseKeeper keeper;
    private final LeaseSettings settings;
    private final HeldLeases<RowKey, Held, Lease> held;
    private final GroupCommit<Renewing, Renewal> renewals;

    /**
     * @param exact    the ledger decided in the database, which this one takes leases from
     * @param counters the leasing counters of the same database, which {@link #consumeCounted} counts in
     */
    public LeasingMeterLedger(Database database, SqlMeterLedger exact, LeasingWindowCounters counters,
            LeaseKeeper keeper) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.exact = Objects.requireNonNull(exact, "exact");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.settings = keeper.settings();
        this.held = new HeldLeases<>(Held::new, settings.minimumCalls(), keeper.aheadNanos(), this);
        this.renewals = HeldLeases.renewals(database, "lease meters", this::renewAllIn);
        keeper.register(this);
    }

    @Override
    public Consumption consume(UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        PeriodAllowance period = SqlMeterLedger.check(user, meter, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        RowKey row = RowKey.of(user, meter);
        Consumption decided = consumeOnce(row, user, meter, cost, period);
        if (decided.isTaken()) {
            return decided;
        }
        return keeper.awaitOthers(() -> othersHold(row), () -> consumeOnce(row, user, meter, cost, period));
    }

    /**
     * Counts and consumes: in memory when both the key's window and the balance are leased here;
     * in one batched transaction, as {@link SqlMeterLedger} does, when neither can be leased (small
     * limits and balances); otherwise the count and then the take, each as its store decides it.
     */
    @Override
    public CountedConsumption consumeCounted(WindowCounters counters, CounterKey key, WindowLimit limit, Instant now,
            UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        if (counters != this.counters) {
            return MeterLedger.super.consumeCounted(counters, key, limit, now, user, meter, cost, allowance);
        }
        PeriodAllowance period = SqlMeterLedger.check(user, meter, allowance);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(now, "now");
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        RowKey row = RowKey.of(user, meter);
        if (this.counters.decidedInDatabase(key) && decidedInDatabase(row)) {
            CountedConsumption both = exact.consumeCounted(this.counters.exact(), key, limit, now, user, meter, cost,
                    period);
            this.counters.observe(key, limit, both.acquisition());
            if (both.consumption().isEmpty()) {
                if (!this.counters.othersHold(key, now)) {
                    return both;
                }
                // nothing was counted: count again below, waiting for the other processes' leases
            } else {
                Consumption taken = both.consumption().get();
                observe(row, taken.balance(), cost);
                if (taken.isTaken() || !othersHold(row)) {
                    return both;
                }
                return CountedConsumption.counted(both.acquisition(), keeper.awaitOthers(() -> othersHold(row),
                        () -> consumeOnce(row, user, meter, cost, period)));
            }
        }
        return MeterLedger.super.consumeCounted(this.counters, key, limit, now, user, meter, cost, period);
    }

    /**
     * One decision: from this process's lease; or in a transaction that gives it back and may
     * take a new one (holding the entry's lock, so the row's other calls of this process wait for
     * it and every answer fits one order of takes); or, when too little is left to lease, in a
     * batch.
     */
    private Consumption consumeOnce(RowKey row, UserRef user, MeterName meter, long cost, PeriodAllowance period) {
        Held own = held.lock(row);
        try {
            Consumption local = spend(own, cost, period);
            while (local == null && own.settling > 0) {
                // the keeper is giving back or extending this lease: decide once it is done
                own.lock.unlock();
                HeldLeases.waitForSettlement();
                own = held.lock(row);
                local = spend(own, cost, period);
            }
            if (local != null) {
                return local;
            }
            if (own.holds() || (!own.tooSmall && own.batchedInFlight == 0)) {
                // a lease used up before its time: the next one is twice as big
                long calls = own.usedUpInTime(System.nanoTime()) ? Math.min(own.nextCalls * 2, settings.maximumCalls())
                        : own.nextCalls;
                return renew(own, own.holds() ? snapshot(own) : null, row, cost, period, calls);
            }
            own.batchedInFlight++;
        } finally {
            own.lock.unlock();
        }
        Consumption batched;
        try {
            batched = exact.consume(user, meter, cost, period);
        } finally {
            ended(own);
        }
        observe(row, batched.balance(), cost);
        if (batched.isTaken()) {
            return batched;
        }
        // a call of this process may have leased what was left meanwhile: give it back and decide again
        return giveBackOwn(row) ? exact.consume(user, meter, cost, period) : batched;
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

    /** Gives back the lease this process holds of the row; answers whether there was one. */
    private boolean giveBackOwn(RowKey row) {
        Held own = held.lockSettled(row);
        try {
            boolean holds = own.holds();
            held.giveBackNow(row, own);
            return holds;
        } finally {
            own.lock.unlock();
        }
    }

    /** Takes {@code cost} from the lease held, if it serves {@code period} and covers the cost; null otherwise. */
    private static Consumption spend(Held own, long cost, PeriodAllowance period) {
        if (!own.holds() || !period.equals(own.allowance) || System.nanoTime() - own.deadline >= 0
                || own.allowancePart + own.topUpPart < cost) {
            return null;
        }
        long fromAllowance = Math.min(cost, own.allowancePart);
        own.allowancePart -= fromAllowance;
        own.topUpPart -= cost - fromAllowance;
        own.callsServed++;
        own.unitsServed += cost;
        return Consumption.taken(withLease(own.base, own));
    }

    private static MeterBalance withLease(MeterBalance base, Held own) {
        return new MeterBalance(base.periodStart(), base.allowanceLeft() + own.allowancePart,
                base.topUpLeft() + own.topUpPart);
    }

    /**
     * In one transaction (shared with other rows' renewals, {@link HeldLeases#renewals}): gives
     * back {@code old} (the lease {@code own} holds, if any), takes {@code cost} and, when enough
     * is left, a new lease of {@code calls} calls, which {@code own} then holds. Called holding
     * {@code own.lock}.
     */
    private Consumption renew(Held own, Lease old, RowKey row, long cost, PeriodAllowance period, long calls) {
        long started = System.nanoTime();
        Renewal renewal = renewals.submit(new Renewing(old, row, cost, period, calls));
        own.release();
        own.nextCalls = calls;
        if (renewal.generation() != 0) {
            hold(own, renewal, period, started);
        } else {
            // too little was left for a lease: the row's calls are batched until a balance says otherwise
            own.nextCalls = settings.minimumCalls();
            own.tooSmall = true;
        }
        return renewal.consumption();
    }

    /** {@code own} holds the lease {@code renewal} took under {@code period}, from {@code started} on. */
    private void hold(Held own, Renewal renewal, PeriodAllowance period, long started) {
        own.generation = renewal.generation();
        own.allowance = period;
        own.allowancePart = renewal.allowancePart();
        own.topUpPart = renewal.topUpPart();
        own.base = renewal.base();
        own.deadline = started + keeper.lifetimeNanos();
        own.callsServed = 0;
        own.unitsServed = 0;
        own.tooSmall = false;
    }

    /**
     * Decides {@code requests} (of different rows) in {@code handle}'s transaction, in a few
     * statements for all of them: each as {@link #renew} describes.
     */
    private List<Renewal> renewAllIn(Handle handle, List<Renewing> requests, boolean create) {
        if (create) {
            exact.ensureRows(handle, requests.stream().map(r -> new Take(r.row(), r.cost(), r.period())).toList());
        }
        Map<RowKey, StoredBalance> rows = exact.lockRows(handle, requests.stream().map(Renewing::row).toList());
        if (!create && rows.size() < requests.size()) {
            throw new MissingRows();
        }
        SortedMap<RowKey, Lease> old = HeldLeases.givenBack(requests, Renewing::row, Renewing::old);
        Set<RowKey> returned = deleteLeases(handle, old);
        SortedMap<RowKey, StoredBalance> changed = new TreeMap<>();
        Map<RowKey, Renewal> leases = new TreeMap<>();
        List<Renewal> answers = new ArrayList<>(requests.size());
        for (Renewing request : requests) {
            RowKey row = request.row();
            PeriodAllowance period = request.period();
            StoredBalance stored = rows.get(row);
            if (stored == null) {
                // deleted between the insert and the lock: a balance being deleted pays for nothing
                answers.add(new Renewal(Consumption.insufficient(period.unused()), 0, 0, 0, null, null));
                continue;
            }
            StoredBalance balance = stored;
            Lease given = request.old();
            if (given != null && returned.contains(row)) {
                balance = balance.giveBack(given.allowancePart(), given.topUpPart(), given.takenIn(),
                        given.allowance().amount());
            }
            StoredBalance afterCost = balance.take(request.cost(), period).orElse(null);
            if (afterCost == null) {
                if (balance != stored) {
                    changed.put(row, balance);
                }
                answers.add(new Renewal(Consumption.insufficient(balance.balance(period)), 0, 0, 0, null, balance));
                continue;
            }
            Consumption taken = Consumption.taken(afterCost.balance(period));
            Renewal leased = lease(afterCost, period, HeldLeases.saturatedProduct(request.calls(), request.cost()),
                    request.cost(), taken);
            if (leased.generation() != 0) {
                leases.put(row, leased);
            }
            changed.put(row, leased.stored());
            answers.add(leased);
        }
        insertLeases(handle, leases);
        exact.store(handle, changed);
        return answers;
    }

    /**
     * The lease to take of {@code row} as of {@code period}: {@code wanted} units, but at most
     * {@code 1/share} of what is left, and none when that is less than {@code minimumCalls} calls
     * of {@code cost}; with {@code answer}, the consumption the caller gets.
     */
    private Renewal lease(StoredBalance row, PeriodAllowance period, long wanted, long cost, Consumption answer) {
        long amount = Math.min(row.balance(period).total() / settings.share(), wanted);
        StoredBalance leased = amount >= HeldLeases.saturatedProduct(settings.minimumCalls(), cost)
                ? row.take(amount, period).orElse(null) : null;
        if (leased == null) {
            return new Renewal(answer, 0, 0, 0, null, row);
        }
        MeterBalance base = leased.balance(period);
        MeterBalance before = row.balance(period);
        return new Renewal(answer, keeper.nextGeneration(), before.allowanceLeft() - base.allowanceLeft(),
                before.topUpLeft() - base.topUpLeft(), base, leased);
    }

    /** Deletes the rows of {@code leases} still this holder's generation; answers the keys of those it deleted. */
    private Set<RowKey> deleteLeases(Handle handle, SortedMap<RowKey, Lease> leases) {
        return HeldLeases.stillHeld(leases, batch(handle, "DELETE FROM tg_meter_leases WHERE tenant_id = ? "
                + "AND user_id = ? AND meter = ? AND holder = ? AND generation = ?", new ArrayList<>(leases.keySet()),
                key -> List.of(), leases));
    }

    /**
     * Records this holder's new leases of the rows. A row of an earlier generation of this holder
     * may still be there, given back in a transaction of its own or, if the database was away
     * then, forfeited once it expires.
     */
    private void insertLeases(Handle handle, Map<RowKey, Renewal> leases) {
        if (leases.isEmpty()) {
            return;
        }
        PreparedBatch insert = handle.prepareBatch("INSERT INTO tg_meter_leases (tenant_id, user_id, meter, holder, "
                + "generation, amount, expires_at) VALUES (?, ?, ?, ?, ?, ?, " + dialect.epochMillisNow() + " + ?)");
        for (Map.Entry<RowKey, Renewal> lease : leases.entrySet()) {
            RowKey row = lease.getKey();
            insert.bind(0, row.tenant())
                    .bind(1, dialect.uuid(row.user()))
                    .bind(2, row.meter())
                    .bind(3, keeper.holder())
                    .bind(4, lease.getValue().generation())
                    .bind(5, lease.getValue().allowancePart() + lease.getValue().topUpPart())
                    .bind(6, settings.lifetime().toMillis())
                    .add();
        }
        insert.execute();
    }

    /** Whether another process holds a lease of {@code row}, forfeiting first those expired past the grace. */
    private boolean othersHold(RowKey row) {
        return database.call("look for meter leases", handle -> {
            handle.createUpdate("DELETE FROM tg_meter_leases WHERE tenant_id = ? AND user_id = ? AND meter = ? "
                            + "AND expires_at < " + dialect.epochMillisNow() + " - ?")
                    .bind(0, row.tenant())
                    .bind(1, dialect.uuid(row.user()))
                    .bind(2, row.meter())
                    .bind(3, settings.grace().toMillis())
                    .execute();
            return handle.createQuery("SELECT COUNT(*) FROM tg_meter_leases WHERE tenant_id = ? AND user_id = ? "
                            + "AND meter = ? AND holder <> ?")
                    .bind(0, row.tenant())
                    .bind(1, dialect.uuid(row.user()))
                    .bind(2, row.meter())
                    .bind(3, keeper.holder())
                    .mapTo(Long.class)
                    .one() > 0;
        });
    }

    /** Whether calls of {@code row} go to the database batched: no lease held, and too little left to take one. */
    private boolean decidedInDatabase(RowKey row) {
        Held own = held.peek(row);
        return own != null && own.tooSmall && !own.holds();
    }

    /** Notes what a batched decision left: enough for a lease ends the batching of the row's calls. */
    private void observe(RowKey row, MeterBalance balance, long cost) {
        Held own = held.lock(row);
        try {
            own.tooSmall = balance.total() / settings.share() < HeldLeases.saturatedProduct(settings.minimumCalls(), cost);
        } finally {
            own.lock.unlock();
        }
    }

    /** A lease held answers with the new top-up from then on. */
    @Override
    public MeterBalance topUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance period = SqlMeterLedger.check(user, meter, allowance);
        return withOwnLease(RowKey.of(user, meter), period, (own, lease) -> {
            MeterBalance after = exact.topUp(user, meter, amount, period);
            if (lease) {
                own.base = after;
            } else {
                own.tooSmall = false;
            }
            return after;
        });
    }

    /** Gives back this process's lease first, so only other processes' leases can make it wait. */
    @Override
    public Consumption deductTopUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance period = SqlMeterLedger.check(user, meter, allowance);
        RowKey row = RowKey.of(user, meter);
        Supplier<Consumption> deduct = () -> {
            giveBackOwn(row);
            return exact.deductTopUp(user, meter, amount, period);
        };
        Consumption decided = deduct.get();
        return decided.isTaken() ? decided : keeper.awaitOthers(() -> othersHold(row), deduct);
    }

    @Override
    public MeterBalance balance(UserRef user, MeterName meter, PeriodAllowance allowance) {
        PeriodAllowance period = SqlMeterLedger.check(user, meter, allowance);
        return withOwnLease(RowKey.of(user, meter), period, (own, lease) -> exact.balance(user, meter, period));
    }

    /** Reads or writes the row, holding the entry's lock; {@code lease} says whether a lease of the same allowance is held. */
    @FunctionalInterface
    private interface RowCall {
        MeterBalance call(Held own, boolean lease);
    }

    /**
     * What {@code call} answers of the row, with what is left of this process's lease counted as
     * unspent: a lease taken under another allowance (another period or amount) is given back
     * first, since the row's arithmetic under this one cannot tell its part apart.
     */
    private MeterBalance withOwnLease(RowKey row, PeriodAllowance period, RowCall call) {
        Held own = held.lockSettled(row);
        try {
            if (own.holds() && !period.equals(own.allowance)) {
                held.giveBackNow(row, own);
            }
            MeterBalance stored = call.call(own, own.holds());
            return own.holds() ? withLease(stored, own) : stored;
        } finally {
            own.lock.unlock();
        }
    }

    /** Drops this process's leases of the user's balances and every process's lease rows, then the balances. */
    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        for (Map.Entry<RowKey, Held> entry : held.entries().entrySet()) {
            if (entry.getKey().tenant().equals(user.tenant().value()) && entry.getKey().user().equals(user.id().value())) {
                Held own = entry.getValue();
                own.lock.lock();
                try {
                    own.release();
                } finally {
                    own.lock.unlock();
                }
            }
        }
        database.call("delete meter leases", handle -> handle.createUpdate("DELETE FROM tg_meter_leases "
                        + "WHERE tenant_id = ? AND user_id = ?")
                .bind(0, user.tenant().value())
                .bind(1, dialect.uuid(user.id().value()))
                .execute());
        return exact.deleteAll(user);
    }


    /** How the renewals (consumptions that found no lease to serve them) have been batched so far. */
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
        return new Lease(own.generation, own.allowance, own.base.periodStart(), own.allowancePart, own.topUpPart,
                HeldLeases.renewedSize(own, settings.minimumCalls(), settings.maximumCalls()),
                Math.max(1, own.unitsServed / Math.max(1, own.callsServed)), 0, 0, own.base);
    }

    @Override
    public long generation(Lease lease) {
        return lease.generation();
    }

    /**
     * In one transaction, locking the rows in key order: gives back what is left of each lease of
     * {@code returning} still this holder's, and extends each of {@code extending} still this
     * holder's: a later expiry and, when the calls it served want more than is left of it, more of
     * the row (at most {@code 1/share} of what is left in all).
     */
    @Override
    public Map<RowKey, Lease> settle(SortedMap<RowKey, Lease> returning, SortedMap<RowKey, Lease> extending) {
        SortedMap<RowKey, Lease> all = new TreeMap<>(returning);
        all.putAll(extending);
        return database.inTransactionRetryingConflict("settle meter leases", handle -> {
            Map<RowKey, StoredBalance> rows = exact.lockRows(handle, all.keySet());
            SortedMap<RowKey, StoredBalance> changed = new TreeMap<>();
            Set<RowKey> gone = deleteLeases(handle, returning);
            for (Map.Entry<RowKey, Lease> ending : returning.entrySet()) {
                Lease lease = ending.getValue();
                StoredBalance row = rows.get(ending.getKey());
                if (gone.contains(ending.getKey()) && row != null) {
                    changed.put(ending.getKey(), row.giveBack(lease.allowancePart(), lease.topUpPart(), lease.takenIn(),
                            lease.allowance().amount()));
                }
            }
            Map<RowKey, Lease> grown = new TreeMap<>();
            Map<RowKey, StoredBalance> after = new TreeMap<>();
            for (Map.Entry<RowKey, Lease> entry : extending.entrySet()) {
                Lease lease = entry.getValue();
                StoredBalance row = rows.get(entry.getKey());
                if (row == null) {
                    continue;
                }
                MeterBalance before = row.balance(lease.allowance());
                long extra = Math.min(before.total() / settings.share(), lease.wanted())
                        - lease.allowancePart() - lease.topUpPart();
                StoredBalance taken = extra > 0 ? row.take(extra, lease.allowance()).orElse(row) : row;
                MeterBalance base = taken.balance(lease.allowance());
                grown.put(entry.getKey(), lease.extended(before.allowanceLeft() - base.allowanceLeft(),
                        before.topUpLeft() - base.topUpLeft(), base));
                after.put(entry.getKey(), taken);
            }
            List<RowKey> growing = new ArrayList<>(grown.keySet());
            int[] stillOurs = batch(handle, "UPDATE tg_meter_leases SET amount = amount + ?, expires_at = "
                    + dialect.epochMillisNow() + " + " + settings.lifetime().toMillis() + " WHERE tenant_id = ? "
                    + "AND user_id = ? AND meter = ? AND holder = ? AND generation = ?", growing,
                    key -> List.of(grown.get(key).extraAllowance() + grown.get(key).extraTopUp()), grown);
            Map<RowKey, Lease> extended = new TreeMap<>();
            for (int i = 0; i < stillOurs.length; i++) {
                // a lease forfeited meanwhile (0 rows) is not extended
                if (stillOurs[i] == 1) {
                    extended.put(growing.get(i), grown.get(growing.get(i)));
                    changed.put(growing.get(i), after.get(growing.get(i)));
                }
            }
            exact.store(handle, changed);
            return extended;
        });
    }

    /**
     * Runs {@code sql} once for each of {@code keys}, in one JDBC batch: the values {@code first}
     * gives, then the key's lease (tenant, user, meter, holder, generation).
     */
    private int[] batch(Handle handle, String sql, List<RowKey> keys,
            Function<RowKey, List<Object>> first, Map<RowKey, Lease> leases) {
        if (keys.isEmpty()) {
            return new int[0];
        }
        PreparedBatch batch = handle.prepareBatch(sql);
        for (RowKey key : keys) {
            int position = 0;
            for (Object value : first.apply(key)) {
                batch.bind(position++, value);
            }
            batch.bind(position, key.tenant())
                    .bind(position + 1, dialect.uuid(key.user()))
                    .bind(position + 2, key.meter())
                    .bind(position + 3, keeper.holder())
                    .bind(position + 4, leases.get(key).generation())
                    .add();
        }
        return batch.execute();
    }

    @Override
    public void adopt(Held own, Lease extension, long started) {
        own.allowancePart += extension.extraAllowance();
        own.topUpPart += extension.extraTopUp();
        own.base = extension.base();
        own.deadline = started + keeper.lifetimeNanos();
        own.callsServed = 0;
        own.unitsServed = 0;
    }

    @Override
    public void giveBackOrphans(SortedMap<RowKey, Lease> orphans) {
        database.inTransactionRetryingConflict("give back meter lease extensions", handle -> {
            Map<RowKey, StoredBalance> rows = exact.lockRows(handle, orphans.keySet());
            SortedMap<RowKey, StoredBalance> changed = new TreeMap<>();
            for (Map.Entry<RowKey, Lease> orphan : orphans.entrySet()) {
                Lease lease = orphan.getValue();
                StoredBalance row = rows.get(orphan.getKey());
                if (row != null && lease.extraAllowance() + lease.extraTopUp() > 0) {
                    changed.put(orphan.getKey(), row.giveBack(lease.extraAllowance(), lease.extraTopUp(),
                            lease.base().periodStart(), lease.allowance().amount()));
                }
            }
            exact.store(handle, changed);
            return changed.size();
        });
    }

    /** Forfeits every holder's leases expired more than the grace ago: their holders are gone. */
    @Override
    public void forfeitForsaken() {
        database.call("forfeit meter leases", handle -> handle.createUpdate("DELETE FROM tg_meter_leases WHERE "
                        + "expires_at < " + dialect.epochMillisNow() + " - ?")
                .bind(0, settings.grace().toMillis())
                .execute());
    }
}
