package dev.tollgate.adapter.sql.admin;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UsageFigures;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.metering.DayRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Figures over {@code tg_users} (with {@code tg_subscriptions}) and {@code tg_usage_daily}, each an
 * aggregate query on an index of the tenant: no row is loaded into memory. Registrations are
 * counted per day of the zone at its offset at {@code now}: a day on the other side of a
 * daylight-saving change is shifted by the change.
 */
public final class SqlStatisticsStore implements StatisticsStore {

    private final Database database;
    private final SqlDialect dialect;

    public SqlStatisticsStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public UserFigures users(TenantId tenant, String defaultPlan, DayRange days, ZoneId zone, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(defaultPlan, "defaultPlan");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        ZoneOffset offset = zone.getRules().getOffset(now);
        return database.call("count users", handle -> {
            Map<AccountStatus, Long> byStatus = new HashMap<>();
            handle.createQuery("SELECT status, COUNT(*) AS n FROM tg_users WHERE tenant_id = :tenant GROUP BY status")
                    .bind("tenant", tenant.value())
                    .map((row, context) -> byStatus.put(AccountStatus.valueOf(row.getString("status")), row.getLong("n")))
                    .list();
            Map<String, Long> byPlan = new HashMap<>();
            handle.createQuery("SELECT s.plan, COUNT(*) AS n FROM tg_users u LEFT JOIN tg_subscriptions s "
                            + "ON s.tenant_id = u.tenant_id AND s.user_id = u.id WHERE u.tenant_id = :tenant GROUP BY s.plan")
                    .bind("tenant", tenant.value())
                    .map((row, context) -> byPlan.merge(Objects.requireNonNullElse(row.getString("plan"), defaultPlan),
                            row.getLong("n"), Long::sum))
                    .list();
            Map<LocalDate, Long> registrations = new HashMap<>();
            Optional<DayRange> kept = days.ofUsageDays();
            if (kept.isPresent()) {
                LocalDate first = kept.get().from();
                Instant origin = first.atStartOfDay().toInstant(offset);
                Instant end = kept.get().to().plusDays(1).atStartOfDay().toInstant(offset);
                handle.createQuery("SELECT " + dialect.wholeDaysSince("created_at", "origin") + " AS day, COUNT(*) AS n "
                                + "FROM tg_users WHERE tenant_id = :tenant AND created_at >= :origin AND created_at < :end "
                                + "GROUP BY 1")
                        .bind("tenant", tenant.value())
                        .bind("origin", dialect.instant(origin))
                        .bind("end", dialect.instant(end))
                        .map((row, context) -> registrations.put(first.plusDays(row.getLong("day")), row.getLong("n")))
                        .list();
            }
            long[] active = handle.createQuery("SELECT "
                            + "COUNT(CASE WHEN last_login_at >= :day THEN 1 END) AS day_count, "
                            + "COUNT(CASE WHEN last_login_at >= :week THEN 1 END) AS week_count, "
                            + "COUNT(*) AS month_count "
                            + "FROM tg_users WHERE tenant_id = :tenant AND last_login_at >= :month")
                    .bind("tenant", tenant.value())
                    .bind("day", dialect.instant(now.minus(Duration.ofDays(1))))
                    .bind("week", dialect.instant(now.minus(Duration.ofDays(7))))
                    .bind("month", dialect.instant(now.minus(Duration.ofDays(30))))
                    .map((row, context) -> new long[] {row.getLong("day_count"), row.getLong("week_count"), row.getLong("month_count")})
                    .one();
            return new UserFigures(byStatus, byPlan, registrations, active[0], active[1], active[2]);
        });
    }

    @Override
    public UsageFigures usage(TenantId tenant, DayRange days, int top) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(days, "days");
        if (top < 0) {
            throw new IllegalArgumentException("top must not be negative");
        }
        Optional<DayRange> kept = days.ofUsageDays();
        if (kept.isEmpty()) {
            return new UsageFigures(List.of(), List.of());
        }
        String from = kept.get().from().toString();
        String to = kept.get().to().toString();
        return database.call("sum usage", handle -> {
            List<UsageFigures.MeterDay> perDay = handle.createQuery("SELECT day, meter, SUM(calls) AS calls, "
                            + "SUM(granted) AS granted, SUM(units) AS units FROM tg_usage_daily "
                            + "WHERE tenant_id = :tenant AND day >= :from AND day <= :to GROUP BY day, meter ORDER BY day, meter")
                    .bind("tenant", tenant.value())
                    .bind("from", from)
                    .bind("to", to)
                    .map((row, context) -> new UsageFigures.MeterDay(LocalDate.parse(row.getString("day")),
                            row.getString("meter"), row.getLong("calls"), row.getLong("granted"), row.getLong("units")))
                    .list();
            List<UsageFigures.TopConsumer> consumers = top == 0 ? List.of() : handle.createQuery("SELECT user_id, meter, "
                            + "SUM(units) AS units FROM tg_usage_daily WHERE tenant_id = :tenant AND day >= :from AND day <= :to "
                            + "GROUP BY user_id, meter HAVING SUM(units) > 0 ORDER BY SUM(units) DESC, user_id, meter LIMIT :top")
                    .bind("tenant", tenant.value())
                    .bind("from", from)
                    .bind("to", to)
                    .bind("top", top)
                    .map((row, context) -> new UsageFigures.TopConsumer(
                            UserRef.of(tenant, new UserId(dialect.uuid(row, "user_id"))), row.getString("meter"),
                            row.getLong("units")))
                    .list();
            return new UsageFigures(perDay, consumers);
        });
    }
}
