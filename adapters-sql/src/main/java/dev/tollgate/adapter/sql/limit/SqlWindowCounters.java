package dev.tollgate.adapter.sql.limit;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.BatchUsage;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.GroupCommit;
import dev.tollgate.adapter.sql.internal.MissingRows;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * Fixed-window counters in {@code tg_window_counters}, one row per key: the window's end and
 * the calls it counted.
 *
 * <p>Acquisitions are group-committed: concurrent calls are decided together, one transaction
 * per batch ({@link GroupCommit}), and each caller answered once its batch has committed. The
 * transaction reads and locks every row of the batch with one {@code SELECT ... FOR UPDATE} in
 * key order (SQLite's transaction holds the write lock instead; a batch with a key's first call
 * first makes the missing rows exist, with one {@code INSERT ... ON CONFLICT DO NOTHING} of a
 * window already ended, counting nothing, before it locks any), decides the calls in arrival
 * order (a call opens a window when none is open at its time, counts within the limit, or is
 * refused and counts nothing) and writes each changed row once. Row locks serialise the batches of every process, so no window grants more than its
 * limit. {@link #current} is a plain read.
 */
public final class SqlWindowCounters implements WindowCounters {

    /** Acquisitions decided in one transaction at most. */
    private static final int MAX_BATCH = 256;

    /** One call waiting for its batch, its instants as the database keeps them (to the microsecond). */
    public record Call(String key, int limit, Instant now, Instant end) {

        /** The call of {@code key} under {@code limit} at {@code now}. */
        public static Call of(CounterKey key, WindowLimit limit, Instant now) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(now, "now");
            Instant end = now.plus(limit.window()).truncatedTo(ChronoUnit.MICROS);
            return new Call(key.value(), limit.limit(), now.truncatedTo(ChronoUnit.MICROS), end);
        }
    }

    /** A row: when its window ends (ended windows count nothing) and what it counted. */
    record Window(Instant end, int hits) {
    }

    private final Database database;
    private final SqlDialect dialect;
    private final GroupCommit<Call, Acquisition> acquisitions;

    public SqlWindowCounters(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.acquisitions = new GroupCommit<>(this::acquireAll, MAX_BATCH, 1);
    }

    @Override
    public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
        return acquisitions.submit(Call.of(key, limit, now));
    }

    /** How the acquisitions have been batched so far. */
    public BatchUsage acquisitionBatches() {
        return acquisitions.usage();
    }

    /**
     * Decides a batch of calls in arrival order, in one transaction holding their rows' locks.
     * When a row is missing (a key's first call), that transaction rolls back having written
     * nothing, and a second one makes the missing rows before it locks any, so batches lock in
     * key order.
     */
    private List<Acquisition> acquireAll(List<Call> calls) {
        return database.inTransactionCreatingOnFirstUse("count window", (handle, create) ->
                acquireIn(handle, calls, create));
    }

    /**
     * Within the caller's transaction: locks the rows of the calls' counters in key order
     * (first making the missing ones when {@code create}, else throwing {@link MissingRows} when
     * one is missing), decides the calls in arrival order and writes each changed row once. The
     * SQL ledger runs it in its counted consumptions' transaction, before it locks balances.
     */
    public List<Acquisition> acquireIn(Handle handle, List<Call> calls, boolean create) {
        SortedMap<String, Call> firstCalls = new TreeMap<>();
        for (Call call : calls) {
            firstCalls.putIfAbsent(call.key(), call);
        }
        if (create) {
            ensureRows(handle, firstCalls.values());
        }
        Map<String, Window> windows = lockRows(handle, firstCalls.keySet());
        if (windows.size() < firstCalls.size() && !create) {
            throw new MissingRows();
        }
        List<Acquisition> answers = new ArrayList<>(calls.size());
        SortedMap<String, Window> changed = new TreeMap<>();
        for (Call call : calls) {
            // an absent row (a counter is never deleted) counts as an ended window
            Window window = windows.getOrDefault(call.key(), new Window(call.now(), 0));
            if (window.end().isAfter(call.now()) && window.hits() >= call.limit()) {
                answers.add(Acquisition.refused(window.hits(), window.end()));
                continue;
            }
            Window counted = window.end().isAfter(call.now())
                    ? new Window(window.end(), window.hits() + 1)
                    : new Window(call.end(), 1);
            windows.put(call.key(), counted);
            changed.put(call.key(), counted);
            answers.add(Acquisition.granted(counted.hits(), counted.end()));
        }
        store(handle, changed);
        return answers;
    }

    /** Makes the rows exist that do not yet, as windows ended at their first call, in key order. */
    void ensureRows(Handle handle, Collection<Call> firstCalls) {
        StringBuilder sql = new StringBuilder("INSERT INTO tg_window_counters (counter_key, window_end, hits) VALUES ");
        for (int i = 0; i < firstCalls.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, 0)");
        }
        Update insert = handle.createUpdate(sql.append(" ON CONFLICT (counter_key) DO NOTHING").toString());
        int position = 0;
        for (Call call : firstCalls) {
            insert.bind(position++, call.key());
            insert.bind(position++, dialect.instant(call.now()));
        }
        insert.execute();
    }

    /** Reads the rows of {@code keys} and locks them until the transaction ends, in key order. */
    Map<String, Window> lockRows(Handle handle, Collection<String> keys) {
        StringBuilder sql = new StringBuilder("SELECT counter_key, window_end, hits FROM tg_window_counters "
                + "WHERE counter_key IN (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        Query select = handle.createQuery(sql.append(") ORDER BY counter_key").append(dialect.forUpdate()).toString());
        int position = 0;
        for (String key : keys) {
            select.bind(position++, key);
        }
        Map<String, Window> windows = new HashMap<>();
        select.map((row, context) -> windows.put(row.getString("counter_key"),
                new Window(dialect.instant(row, "window_end"), row.getInt("hits")))).list();
        return windows;
    }

    /** Writes each changed row once. */
    void store(Handle handle, SortedMap<String, Window> changed) {
        if (changed.isEmpty()) {
            return;
        }
        PreparedBatch update = handle.prepareBatch("UPDATE tg_window_counters SET window_end = ?, hits = ? "
                + "WHERE counter_key = ?");
        for (Map.Entry<String, Window> row : changed.entrySet()) {
            update.bind(0, dialect.instant(row.getValue().end()))
                    .bind(1, row.getValue().hits())
                    .bind(2, row.getKey())
                    .add();
        }
        update.execute();
    }

    @Override
    public Optional<OpenWindow> current(CounterKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        return database.call("read window", handle -> handle.createQuery("SELECT hits, window_end "
                        + "FROM tg_window_counters WHERE counter_key = :key AND window_end > :now")
                .bind("key", key.value())
                .bind("now", dialect.instant(now))
                .map((row, context) -> new OpenWindow(row.getInt("hits"), dialect.instant(row, "window_end")))
                .findOne());
    }
}
