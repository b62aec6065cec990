package dev.tollgate.adapter.sql.limit;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Fixed-window counters in {@code tg_window_counters}. A call is one upsert: it opens a window,
 * restarts an ended one, or counts within the limit; when the open window is full the upsert's
 * condition leaves the row as it is and a read reports the refusal.
 */
public final class SqlWindowCounters implements WindowCounters {

    private final Database database;
    private final SqlDialect dialect;

    public SqlWindowCounters(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Instant end = now.plus(limit.window());
        return database.call("count window", handle -> {
            Optional<Acquisition> granted = handle.createQuery("INSERT INTO tg_window_counters "
                            + "(counter_key, window_end, hits) VALUES (:key, :end, 1) "
                            + "ON CONFLICT (counter_key) DO UPDATE SET "
                            + "hits = CASE WHEN tg_window_counters.window_end <= :now THEN 1 "
                            + "ELSE tg_window_counters.hits + 1 END, "
                            + "window_end = CASE WHEN tg_window_counters.window_end <= :now THEN :end "
                            + "ELSE tg_window_counters.window_end END "
                            + "WHERE tg_window_counters.window_end <= :now OR tg_window_counters.hits < :limit "
                            + "RETURNING hits, window_end")
                    .bind("key", key.value())
                    .bind("end", dialect.instant(end))
                    .bind("now", dialect.instant(now))
                    .bind("limit", limit.limit())
                    .map((row, context) -> Acquisition.granted(row.getInt("hits"), dialect.instant(row, "window_end")))
                    .findOne();
            if (granted.isPresent()) {
                return granted.get();
            }
            return handle.createQuery("SELECT hits, window_end FROM tg_window_counters WHERE counter_key = :key")
                    .bind("key", key.value())
                    .map((row, context) -> Acquisition.refused(row.getInt("hits"), dialect.instant(row, "window_end")))
                    .one();
        });
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
