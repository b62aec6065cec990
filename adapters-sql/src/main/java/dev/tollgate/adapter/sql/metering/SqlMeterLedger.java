package dev.tollgate.adapter.sql.metering;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.BatchUsage;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.GroupCommit;
import dev.tollgate.adapter.sql.internal.MissingRows;
import dev.tollgate.adapter.sql.limit.SqlWindowCounters;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * Metered balances in {@code tg_meter_balances}, one row per user and meter, keeping what was
 * used of the period's allowance ({@code allowance_used}) and the top-up left.
 *
 * <p>Consumptions are group-committed: concurrent calls are decided together, one transaction
 * per batch ({@link GroupCommit}), and each caller answered once its batch has committed. The
 * transaction reads and locks every row of the batch with one {@code SELECT ... FOR UPDATE} in
 * key order (so overlapping batches of several processes wait for each other rather than
 * deadlock; SQLite's transaction holds the write lock instead), decides each consumption in
 * arrival order with the arithmetic of {@link StoredBalance} (a due reset; what is left of the
 * allowance named, {@code max(0, allowance - used)}, taken first and the top-up after it, only
 * when the two cover the cost) and writes each changed row once: three round trips with the
 * commit. When a row is missing (a first use) that transaction ends having changed nothing,
 * and the batch runs again in one that first makes the missing rows exist (one
 * {@code INSERT ... ON CONFLICT DO NOTHING}, nothing used yet) and only then locks rows, so no
 * batch holds a lock while it waits for another's new row. A refused consumption stores nothing
 * but the fresh row of a first use. Row locks serialise the batches with every other change of
 * those rows, in any process, so no take exceeds the balance and none is lost.
 *
 * <p>Top-ups and deductions are one conditional {@code UPDATE ... RETURNING} each (after the
 * same insert-if-absent for a top-up) that applies a due reset and the same arithmetic in plain
 * CASE expressions, shared by every database; a refused deduction reads the row as of the
 * period and allowance named, storing nothing.
 *
 * <p>A row written before schema 7 has no {@code allowance_used}, only what was left then
 * ({@code allowance_left}): its use counts as {@code max(0, allowance - allowance_left)} against
 * the allowance of its next operation, which stores that use, so the row is exact from then on.
 * Every write also keeps {@code allowance_left} as left after it, for people reading the table.
 */
public final class SqlMeterLedger implements MeterLedger {

    private static final String OF_METER = " WHERE tenant_id = :tenant AND user_id = :user AND meter = :meter";
    /** What was used of the allowance as of {@code :periodStart}: nothing when the row's period is older. */
    private static final String USED = "(CASE WHEN period_start < :periodStart THEN 0 "
            + "WHEN allowance_used IS NULL THEN "
            + "(CASE WHEN allowance_left < :allowance THEN :allowance - allowance_left ELSE 0 END) "
            + "ELSE allowance_used END)";
    /** What is left of {@code :allowance} as of {@code :periodStart}: the allowance less {@link #USED}, at least 0. */
    private static final String LEFT = "(CASE WHEN period_start < :periodStart THEN :allowance "
            + "WHEN allowance_used IS NULL THEN "
            + "(CASE WHEN allowance_left < :allowance THEN allowance_left ELSE :allowance END) "
            + "WHEN allowance_used >= :allowance THEN 0 "
            + "ELSE :allowance - allowance_used END)";
    private static final String PERIOD = "(CASE WHEN period_start < :periodStart THEN :periodStart "
            + "ELSE period_start END)";
    private static final String RETURNING = " RETURNING period_start, allowance_left, top_up_left";
    /** Rounds needed at most when a concurrent {@link #deleteAll} removes the row between two statements. */
    private static final int ATTEMPTS = 3;

    /** Consumptions decided in one transaction at most; a full batch is far quicker to run than to wait for. */
    private static final int MAX_BATCH = 256;

    /** The row of one user's meter, in the order batches lock rows: tenant, user, meter. */
    record RowKey(String tenant, UUID user, String meter) implements Comparable<RowKey> {

        private static final Comparator<RowKey> ORDER = Comparator.comparing(RowKey::tenant)
                .thenComparing(RowKey::user).thenComparing(RowKey::meter);

        static RowKey of(UserRef user, MeterName meter) {
            return new RowKey(user.tenant().value(), user.id().value(), meter.value());
        }

        @Override
        public int compareTo(RowKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** One consumption waiting for its batch. */
    record Take(RowKey row, long cost, PeriodAllowance allowance) {
    }

    /** One counted consumption waiting for its batch: the rate-limit call, and the take if it is counted. */
    private record CountedTake(SqlWindowCounters.Call call, Take take) {
    }

    private final Database database;
    private final SqlDialect dialect;
    private final SqlWindowCounters counters;
    private final GroupCommit<Take, Consumption> consumptions;
    private final GroupCommit<CountedTake, CountedConsumption> countedConsumptions;

    /** @param counters the window counters of the same database, which counted consumptions count in */
    public SqlMeterLedger(Database database, SqlWindowCounters counters) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.counters = Objects.requireNonNull(counters, "counters");
        this.consumptions = new GroupCommit<>(this::consumeAll, MAX_BATCH, 1);
        this.countedConsumptions = new GroupCommit<>(this::consumeCountedAll, MAX_BATCH, 1);
    }

    @Override
    public Consumption consume(UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        return consumptions.submit(new Take(RowKey.of(user, meter), cost, period));
    }

    /**
     * Counts and consumes in one transaction, batched with concurrent calls, when
     * {@code counters} are this database's own; otherwise as the port's default does, one call
     * after the other (counters in Redis or in this process).
     */
    @Override
    public CountedConsumption consumeCounted(WindowCounters counters, CounterKey key, WindowLimit limit, Instant now,
            UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        if (counters != this.counters) {
            return MeterLedger.super.consumeCounted(counters, key, limit, now, user, meter, cost, allowance);
        }
        PeriodAllowance period = check(user, meter, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        return countedConsumptions.submit(new CountedTake(SqlWindowCounters.Call.of(key, limit, now),
                new Take(RowKey.of(user, meter), cost, period)));
    }

    /** How the consumptions have been batched so far. */
    public BatchUsage consumptionBatches() {
        return consumptions.usage();
    }

    /** How the counted consumptions (verify-and-consume: rate-limit count and take) have been batched so far. */
    public BatchUsage countedConsumptionBatches() {
        return countedConsumptions.usage();
    }

    /**
     * Decides a batch of consumptions in arrival order, in one transaction holding their rows'
     * locks. The rows nearly always exist: the transaction locks them and decides at once. When
     * one is missing (a first use) it rolls back having written nothing, and a second transaction
     * makes the missing rows before it locks any, so every batch takes its locks in key order.
     */
    private List<Consumption> consumeAll(List<Take> takes) {
        return database.inTransactionCreatingOnFirstUse("consume meter", (handle, create) ->
                consumeIn(handle, takes, create));
    }

    /**
     * Decides a batch of counted consumptions in one transaction: the counters' rows are locked
     * and decided first ({@link SqlWindowCounters#acquireIn}), then the balances of the calls
     * counted are locked and taken from; so every transaction that holds both kinds of row took
     * the counters first, and none waits for a counter while holding a balance. A first use of
     * either rolls back and runs again making the missing rows, as {@link #consumeAll} does.
     */
    private List<CountedConsumption> consumeCountedAll(List<CountedTake> calls) {
        return database.inTransactionCreatingOnFirstUse("count and consume", (handle, create) ->
                consumeCountedIn(handle, calls, create));
    }

    private List<CountedConsumption> consumeCountedIn(Handle handle, List<CountedTake> calls, boolean create) {
        List<Acquisition> counts = counters.acquireIn(handle, calls.stream().map(CountedTake::call).toList(), create);
        List<Take> takes = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            if (counts.get(i).isGranted()) {
                takes.add(calls.get(i).take());
            }
        }
        Iterator<Consumption> taken = takes.isEmpty() ? Collections.emptyIterator()
                : consumeIn(handle, takes, create).iterator();
        List<CountedConsumption> answers = new ArrayList<>(calls.size());
        for (Acquisition count : counts) {
            answers.add(count.isGranted() ? CountedConsumption.counted(count, taken.next())
                    : CountedConsumption.limited(count));
        }
        return answers;
    }

    /**
     * Within the caller's transaction: locks the takes' rows in key order (first making the
     * missing ones when {@code create}, else throwing {@link MissingRows} when one is missing),
     * decides the takes in arrival order and writes each changed row once.
     */
    private List<Consumption> consumeIn(Handle handle, List<Take> takes, boolean create) {
        SortedMap<RowKey, Take> firstTakes = new TreeMap<>();
        for (Take take : takes) {
            firstTakes.putIfAbsent(take.row(), take);
        }
        Map<RowKey, StoredBalance> rows = new HashMap<>();
        if (create) {
            SortedMap<RowKey, Take> missing = firstTakes;
            for (int attempt = 1; attempt <= ATTEMPTS && !missing.isEmpty(); attempt++) {
                ensureRows(handle, missing.values());
                rows.putAll(lockRows(handle, missing.keySet()));
                // only a concurrent deleteAll, between the insert and the read, leaves a row missing
                missing = new TreeMap<>(missing);
                missing.keySet().removeAll(rows.keySet());
            }
        } else {
            rows.putAll(lockRows(handle, firstTakes.keySet()));
            if (rows.size() < firstTakes.size()) {
                throw new MissingRows();
            }
        }
        List<Consumption> answers = new ArrayList<>(takes.size());
        SortedMap<RowKey, StoredBalance> changed = new TreeMap<>();
        for (Take take : takes) {
            StoredBalance before = rows.get(take.row());
            if (before == null) {
                answers.add(Consumption.insufficient(take.allowance().unused()));
                continue;
            }
            Optional<StoredBalance> after = before.take(take.cost(), take.allowance());
            if (after.isPresent()) {
                rows.put(take.row(), after.get());
                changed.put(take.row(), after.get());
                answers.add(Consumption.taken(after.get().balance(take.allowance())));
            } else {
                answers.add(Consumption.insufficient(before.balance(take.allowance())));
            }
        }
        store(handle, changed);
        return answers;
    }

    /** Makes the rows exist that do not yet, in key order (so concurrent batches wait on each other's new rows in one order). */
    void ensureRows(Handle handle, Collection<Take> firstTakes) {
        StringBuilder sql = new StringBuilder("INSERT INTO tg_meter_balances "
                + "(tenant_id, user_id, meter, period_start, allowance_used, allowance_left, top_up_left) VALUES ");
        for (int i = 0; i < firstTakes.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, 0, ?, 0)");
        }
        Update insert = handle.createUpdate(sql.append(" ON CONFLICT (tenant_id, user_id, meter) DO NOTHING").toString());
        int position = 0;
        for (Take take : firstTakes) {
            position = bindKey(insert, position, take.row());
            insert.bind(position++, dialect.instant(take.allowance().periodStart()));
            insert.bind(position++, take.allowance().amount());
        }
        insert.execute();
    }

    /** Reads the rows of {@code keys} and locks them until the transaction ends, in key order, so concurrent batches never deadlock. */
    Map<RowKey, StoredBalance> lockRows(Handle handle, Collection<RowKey> keys) {
        StringBuilder sql = new StringBuilder("SELECT tenant_id, user_id, meter, period_start, allowance_used, "
                + "allowance_left, top_up_left FROM tg_meter_balances WHERE (tenant_id, user_id, meter) IN (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
        }
        Query select = handle.createQuery(sql.append(") ORDER BY tenant_id, user_id, meter")
                .append(dialect.forUpdate()).toString());
        int position = 0;
        for (RowKey key : keys) {
            position = bindKey(select, position, key);
        }
        Map<RowKey, StoredBalance> rows = new HashMap<>();
        select.map((row, context) -> {
            long used = row.getLong("allowance_used");
            Long allowanceUsed = row.wasNull() ? null : used;
            rows.put(new RowKey(row.getString("tenant_id"), dialect.uuid(row, "user_id"), row.getString("meter")),
                    new StoredBalance(dialect.instant(row, "period_start"), allowanceUsed,
                            row.getLong("allowance_left"), row.getLong("top_up_left")));
            return Boolean.TRUE;
        }).list();
        return rows;
    }

    /** Writes each changed row once, with what is left of the allowance its last take named. */
    void store(Handle handle, SortedMap<RowKey, StoredBalance> changed) {
        if (changed.isEmpty()) {
            return;
        }
        PreparedBatch update = handle.prepareBatch("UPDATE tg_meter_balances SET period_start = ?, "
                + "allowance_used = ?, allowance_left = ?, top_up_left = ?"
                + " WHERE tenant_id = ? AND user_id = ? AND meter = ?");
        for (Map.Entry<RowKey, StoredBalance> row : changed.entrySet()) {
            StoredBalance balance = row.getValue();
            update.bind(0, dialect.instant(balance.periodStart()))
                    .bind(1, balance.allowanceUsed())
                    .bind(2, balance.allowanceLeft())
                    .bind(3, balance.topUpLeft());
            bindKey(update, 4, row.getKey());
            update.add();
        }
        int[] updated = update.execute();
        for (int count : updated) {
            if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("a locked meter balance was not there to update");
            }
        }
    }

    <S extends SqlStatement<S>> int bindKey(S statement, int position, RowKey key) {
        statement.bind(position, key.tenant())
                .bind(position + 1, dialect.uuid(key.user()))
                .bind(position + 2, key.meter());
        return position + 3;
    }

    @Override
    public MeterBalance topUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        return database.call("top up meter", handle -> {
            for (int attempt = 1; ; attempt++) {
                ensureRow(handle, user, meter, period);
                Optional<MeterBalance> after = bindRow(handle.createQuery("UPDATE tg_meter_balances SET "
                                + "allowance_used = " + USED + ", allowance_left = " + LEFT + ", "
                                + "top_up_left = top_up_left + :amount, period_start = " + PERIOD + OF_METER
                                + RETURNING),
                        user, meter, period)
                        .bind("amount", amount)
                        .map((row, context) -> read(row))
                        .findOne();
                if (after.isPresent() || attempt == ATTEMPTS) {
                    return after.orElseThrow(() -> new IllegalStateException("the meter's balance vanished "
                            + ATTEMPTS + " times during a top-up"));
                }
            }
        });
    }

    @Override
    public Consumption deductTopUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        return database.call("deduct top-up", handle -> {
            Optional<MeterBalance> taken = bindRow(handle.createQuery("UPDATE tg_meter_balances SET "
                            + "allowance_used = " + USED + ", allowance_left = " + LEFT + ", "
                            + "top_up_left = top_up_left - :amount, period_start = " + PERIOD + OF_METER
                            + " AND top_up_left >= :amount" + RETURNING),
                    user, meter, period)
                    .bind("amount", amount)
                    .map((row, context) -> read(row))
                    .findOne();
            return taken.map(Consumption::taken).orElseGet(() -> Consumption.insufficient(
                    stored(handle, user, meter, period).orElse(period.unused())));
        });
    }

    @Override
    public MeterBalance balance(UserRef user, MeterName meter, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        return database.call("read meter", handle -> stored(handle, user, meter, period)
                .orElse(period.unused()));
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("delete meters", handle -> handle.createUpdate("DELETE FROM tg_meter_balances "
                        + "WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute());
    }

    private void ensureRow(Handle handle, UserRef user, MeterName meter, PeriodAllowance allowance) {
        bindRow(handle.createUpdate("INSERT INTO tg_meter_balances "
                        + "(tenant_id, user_id, meter, period_start, allowance_used, allowance_left, top_up_left) "
                        + "VALUES (:tenant, :user, :meter, :periodStart, 0, :allowance, 0) "
                        + "ON CONFLICT (tenant_id, user_id, meter) DO NOTHING"),
                user, meter, allowance)
                .execute();
    }

    /** The stored balance as of {@code allowance}, if there is a row. */
    private Optional<MeterBalance> stored(Handle handle, UserRef user, MeterName meter, PeriodAllowance allowance) {
        return bindRow(handle.createQuery("SELECT " + PERIOD + " AS period_start, " + LEFT + " AS allowance_left, "
                        + "top_up_left FROM tg_meter_balances" + OF_METER), user, meter, allowance)
                .map((row, context) -> read(row))
                .findOne();
    }

    private <S extends SqlStatement<S>> S bindRow(S statement, UserRef user, MeterName meter,
            PeriodAllowance allowance) {
        return statement
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("meter", meter.value())
                .bind("periodStart", dialect.instant(allowance.periodStart()))
                .bind("allowance", allowance.amount());
    }

    private MeterBalance read(ResultSet row) throws SQLException {
        return new MeterBalance(dialect.instant(row, "period_start"), row.getLong("allowance_left"),
                row.getLong("top_up_left"));
    }

    /** Checks the arguments; answers the allowance with its period start as the database keeps it, to the microsecond. */
    static PeriodAllowance check(UserRef user, MeterName meter, PeriodAllowance allowance) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(allowance, "allowance");
        return PeriodAllowance.of(allowance.periodStart().truncatedTo(ChronoUnit.MICROS), allowance.amount());
    }
}
