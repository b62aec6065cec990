package dev.tollgate.adapter.sql.metering;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.adapter.sql.internal.TagsJson;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UsageContext;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.LoggedUsage;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.UsageDay;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsagePosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * The usage log in {@code tg_usage_events} (one row per call, purged after a while) and
 * {@code tg_usage_daily} (one row per user, day, key and meter, kept). An append is one
 * transaction: the events as one batch insert (on PostgreSQL one {@code COPY},
 * {@link SqlDialect#bulkAppend}), then the aggregates of the batch, summed in Java
 * first, as one multi-row {@code INSERT ... ON CONFLICT DO UPDATE} (per 500) that adds to the
 * stored counts, so appends from several processes lose no count. Aggregates are written in
 * the order of the primary key, so two appends touching the same rows lock them in the same
 * order and cannot deadlock. The upsert's {@code WHERE} refuses to carry a count beyond {@link Long#MAX_VALUE}
 * (SQLite would turn it into a float), and the refusal rolls the whole append back.
 *
 * <p>An event's request id is text and its tags a JSON object of strings in name order
 * ({@link TagsJson}), both SQL NULL when the service gave none. A user's events page newest first
 * by {@code (occurred_at, id)}, the identity id breaking ties, as a backward range of the index
 * {@code (tenant_id, user_id, occurred_at, id)}.
 *
 * <p>Days are ISO text ({@code yyyy-MM-dd}), which for the years of a {@link UsageDay} (1 to
 * 9999) sorts as days do on every database; ranges of {@link #daily} are clamped to those years.
 */
public final class SqlUsageLog implements UsageLog {

    /** Aggregates added by one upsert at most: 8 parameters each, far below every database's limit of parameters. */
    private static final int AGGREGATES_PER_STATEMENT = 500;

    private static final String OF_USER = " WHERE tenant_id = :tenant AND user_id = :user";
    private static final List<String> EVENT_COLUMN_NAMES = List.of("tenant_id", "user_id", "key_id", "meter", "cost",
            "outcome", "occurred_at", "request_id", "tags");
    private static final String EVENT_COLUMNS = String.join(", ", EVENT_COLUMN_NAMES);

    /** UUIDs as the databases compare them: unsigned, most significant bits first. */
    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    /**
     * An aggregate's row, ordered as the primary key orders rows (tenants are ASCII, days ISO
     * text), so every append, and a {@code deleteAll} walking the key, lock rows in one order.
     */
    private record Aggregate(String tenant, UUID user, String day, UUID key, String meter) {

        static final Comparator<Aggregate> KEY_ORDER = Comparator.comparing(Aggregate::tenant)
                .thenComparing(Aggregate::user, UNSIGNED)
                .thenComparing(Aggregate::day)
                .thenComparing(Aggregate::key, UNSIGNED)
                .thenComparing(Aggregate::meter, MeterName.ORDER);
    }

    private record Counts(long calls, long granted, long units) {

        static Counts of(UsageEvent event) {
            return event.granted() ? new Counts(1, 1, event.cost()) : new Counts(1, 0, 0);
        }

        /** Throws {@link ArithmeticException} when a count would pass {@link Long#MAX_VALUE}. */
        Counts plus(Counts other) {
            return new Counts(Math.addExact(calls, other.calls), Math.addExact(granted, other.granted),
                    Math.addExact(units, other.units));
        }
    }

    private final Database database;
    private final SqlDialect dialect;

    public SqlUsageLog(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public void append(List<UsageEvent> events, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        List<UsageEvent> batch = List.copyOf(Objects.requireNonNull(events, "events"));
        Map<Aggregate, Counts> aggregates = new TreeMap<>(Aggregate.KEY_ORDER);
        for (UsageEvent event : batch) {
            Objects.requireNonNull(event, "event");
            aggregates.merge(new Aggregate(event.user().tenant().value(), event.user().id().value(),
                    UsageDay.of(event.at(), zone).toString(), event.key().value(), event.meter()), Counts.of(event),
                    Counts::plus);
        }
        if (batch.isEmpty()) {
            return;
        }
        database.inTransaction("append usage", handle -> {
            Optional<SqlDialect.BulkAppend> bulk = dialect.bulkAppend();
            if (bulk.isPresent()) {
                bulk.get().append(handle, "tg_usage_events", EVENT_COLUMN_NAMES,
                        batch.stream().map(SqlUsageLog::eventRow).toList());
            } else {
                insertEvents(handle, batch);
            }
            List<Map.Entry<Aggregate, Counts>> rows = List.copyOf(aggregates.entrySet());
            for (int from = 0; from < rows.size(); from += AGGREGATES_PER_STATEMENT) {
                addToAggregates(handle, rows.subList(from, Math.min(rows.size(), from + AGGREGATES_PER_STATEMENT)));
            }
            return null;
        });
    }

    private void insertEvents(Handle handle, List<UsageEvent> batch) {
        PreparedBatch insert = handle.prepareBatch("INSERT INTO tg_usage_events (" + EVENT_COLUMNS
                + ") VALUES (:tenant, :user, :key, :meter, :cost, :outcome, :at, :requestId, :tags)");
        for (UsageEvent event : batch) {
            insert.bind("tenant", event.user().tenant().value())
                    .bind("user", dialect.uuid(event.user().id().value()))
                    .bind("key", dialect.uuid(event.key().value()))
                    .bind("meter", event.meter())
                    .bind("cost", event.cost())
                    .bind("outcome", event.outcome())
                    .bind("at", dialect.instant(event.at()))
                    .bind("requestId", event.context().requestId().orElse(null))
                    .bind("tags", TagsJson.write(event.context().tags()))
                    .add();
        }
        insert.execute();
    }

    /** An event's values in the order of {@link #EVENT_COLUMN_NAMES}, for a bulk append. */
    private static Object[] eventRow(UsageEvent event) {
        return new Object[] {event.user().tenant().value(), event.user().id().value(), event.key().value(),
            event.meter(), event.cost(), event.outcome(), event.at(), event.context().requestId().orElse(null),
            TagsJson.write(event.context().tags())};
    }

    /**
     * Adds the counts to their aggregates with one multi-row upsert, in key order. A row the
     * upsert's {@code WHERE} leaves alone would pass {@link Long#MAX_VALUE}: the exception, thrown
     * inside the transaction, rolls back the events inserted before it too.
     */
    private void addToAggregates(Handle handle, List<Map.Entry<Aggregate, Counts>> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO tg_usage_daily "
                + "(tenant_id, user_id, day, key_id, meter, calls, granted, units) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
        }
        Update upsert = handle.createUpdate(sql.append(" ON CONFLICT (tenant_id, user_id, day, key_id, meter) DO UPDATE SET "
                + "calls = tg_usage_daily.calls + excluded.calls, "
                + "granted = tg_usage_daily.granted + excluded.granted, "
                + "units = tg_usage_daily.units + excluded.units "
                + "WHERE tg_usage_daily.calls <= " + Long.MAX_VALUE + " - excluded.calls "
                + "AND tg_usage_daily.units <= " + Long.MAX_VALUE + " - excluded.units").toString());
        int position = 0;
        for (Map.Entry<Aggregate, Counts> row : rows) {
            Aggregate aggregate = row.getKey();
            Counts counts = row.getValue();
            upsert.bind(position++, aggregate.tenant())
                    .bind(position++, dialect.uuid(aggregate.user()))
                    .bind(position++, aggregate.day())
                    .bind(position++, dialect.uuid(aggregate.key()))
                    .bind(position++, aggregate.meter())
                    .bind(position++, counts.calls())
                    .bind(position++, counts.granted())
                    .bind(position++, counts.units());
        }
        if (upsert.execute() != rows.size()) {
            throw new ArithmeticException("usage of a key and meter on a day of this batch would pass " + Long.MAX_VALUE);
        }
    }

    @Override
    public List<DailyUsage> daily(UserRef user, DayRange days) {
        Objects.requireNonNull(user, "user");
        // beyond the usage days ISO text gains a sign and stops sorting as days do; no day is stored there
        Optional<DayRange> stored = Objects.requireNonNull(days, "days").ofUsageDays();
        if (stored.isEmpty()) {
            return List.of();
        }
        return database.call("read daily usage", handle -> handle.createQuery("SELECT day, key_id, meter, calls, "
                        + "granted, units FROM tg_usage_daily" + OF_USER + " AND day >= :from AND day <= :to "
                        + "ORDER BY day, meter, key_id")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("from", stored.get().from().toString())
                .bind("to", stored.get().to().toString())
                .map((row, context) -> new DailyUsage(user, LocalDate.parse(row.getString("day")),
                        new ApiKeyId(dialect.uuid(row, "key_id")), row.getString("meter"), row.getLong("calls"),
                        row.getLong("granted"), row.getLong("units")))
                .list());
    }

    @Override
    public List<UsageEvent> recent(UserRef user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return database.call("read usage events", handle -> handle.createQuery("SELECT " + EVENT_COLUMNS
                        + " FROM tg_usage_events" + OF_USER + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("limit", limit)
                .map((row, context) -> read(row))
                .list());
    }

    @Override
    public List<LoggedUsage> page(UserRef user, Optional<UsagePosition> after, int limit) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
        }
        String from = after.isPresent() ? " AND (occurred_at, id) < (:at, :id)" : "";
        return database.call("read a page of usage events", handle -> {
            var query = handle.createQuery("SELECT id, " + EVENT_COLUMNS + " FROM tg_usage_events" + OF_USER
                            + from + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .bind("limit", limit);
            after.ifPresent(position -> query.bind("at", dialect.instant(position.at())).bind("id", position.id()));
            return query.map((row, context) -> new LoggedUsage(row.getLong("id"), read(row))).list();
        });
    }

    @Override
    public int purgeEventsBefore(TenantId tenant, Instant cutoff) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(cutoff, "cutoff");
        return database.call("purge usage events", handle -> handle.createUpdate("DELETE FROM tg_usage_events "
                        + "WHERE tenant_id = :tenant AND occurred_at < :cutoff")
                .bind("tenant", tenant.value())
                .bind("cutoff", dialect.instant(cutoff))
                .execute());
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.inTransaction("delete usage", handle -> {
            int events = handle.createUpdate("DELETE FROM tg_usage_events" + OF_USER)
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .execute();
            return events + handle.createUpdate("DELETE FROM tg_usage_daily" + OF_USER)
                    .bind("tenant", user.tenant().value())
                    .bind("user", dialect.uuid(user.id().value()))
                    .execute();
        });
    }

    private UsageEvent read(ResultSet row) throws SQLException {
        return new UsageEvent(
                new UserRef(TenantId.of(row.getString("tenant_id")), new UserId(dialect.uuid(row, "user_id"))),
                new ApiKeyId(dialect.uuid(row, "key_id")),
                row.getString("meter"),
                row.getLong("cost"),
                row.getString("outcome"),
                dialect.instant(row, "occurred_at"),
                new UsageContext(Optional.ofNullable(row.getString("request_id")), TagsJson.read(row.getString("tags"))));
    }
}
