package dev.tollgate.adapter.mongo.admin;

import static dev.tollgate.adapter.mongo.internal.UserDocuments.CREATED_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.ID;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.LAST_LOGIN_AT;
import static dev.tollgate.adapter.mongo.internal.UserDocuments.STATUS;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UsageFigures;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.MeterName;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Figures over {@code tg_users} (the layout {@code MongoUserStore} writes),
 * {@code tg_subscriptions} and {@code tg_usage_daily} (fields {@code tenant}, {@code user},
 * {@code day} as ISO text, {@code key}, {@code meter}, {@code calls}, {@code granted},
 * {@code units}), each an aggregation or count on the server; no document is loaded.
 *
 * <p>Users: by status, one {@code $group} over the tenant's range of {@code (tenant, status)};
 * by plan, the tenant's count minus the users with a subscription of another plan, from one
 * {@code $group} over the tenant's subscriptions ({@code (tenant, plan)}) that keeps only those
 * whose user exists ({@code $lookup} by the {@code _id} the two share), so its cost follows the
 * subscriptions, not the users; registrations, one {@code $group} over the range of
 * {@code (tenant, createdAt)} by day (the day's number computed from the microseconds with
 * integer arithmetic, in the zone's offset at {@code now}); active users, three
 * {@code countDocuments} over {@code (tenant, lastLoginAt)}.
 *
 * <p>Usage: one {@code $group} per day and meter, and one per user and meter sorted by units
 * (descending), user id and meter and cut at {@code top}, both over the tenant's days of the
 * range. MongoDB orders strings by their UTF-8 bytes, which is {@link MeterName#ORDER}'s code
 * point order.
 */
public final class MongoStatisticsStore implements StatisticsStore {

    private static final long DAY_MICROS = Duration.ofDays(1).toNanos() / 1_000;
    /** Registrations are counted within these days, whose microseconds and their differences fit a {@code long}. */
    private static final LocalDate EARLIEST = LocalDate.of(-100_000, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(100_000, 12, 31);

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> subscriptions;
    private final MongoCollection<Document> daily;

    public MongoStatisticsStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.users = database.getCollection(Collections.USERS);
        this.subscriptions = database.getCollection(Collections.SUBSCRIPTIONS);
        this.daily = database.getCollection(Collections.USAGE_DAILY);
        // indexes: MongoUserStore's on users, MongoSubscriptionStore's (tenant, plan), MongoUsageLog's on the aggregates
    }

    @Override
    public UserFigures users(TenantId tenant, String defaultPlan, DayRange days, ZoneId zone, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(defaultPlan, "defaultPlan");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        Bson ofTenant = Filters.eq(Collections.TENANT, tenant.value());

        Map<AccountStatus, Long> byStatus = new HashMap<>();
        long total = 0;
        for (Document group : aggregate(users, "count users by status",
                List.of(Aggregates.match(ofTenant), Aggregates.group("$" + STATUS, Accumulators.sum("n", 1))))) {
            long n = count(group);
            byStatus.put(AccountStatus.valueOf(group.getString(ID)), n);
            total += n;
        }

        Map<String, Long> byPlan = new HashMap<>();
        long onOtherPlans = 0;
        for (Document group : aggregate(subscriptions, "count users by plan", List.of(
                Aggregates.match(Filters.and(ofTenant, Filters.ne(Collections.SUBSCRIPTION_PLAN, defaultPlan))),
                Aggregates.lookup(Collections.USERS, ID, ID, "users"),
                Aggregates.match(Filters.ne("users", List.of())),
                Aggregates.group("$" + Collections.SUBSCRIPTION_PLAN, Accumulators.sum("n", 1))))) {
            long n = count(group);
            byPlan.put(group.getString(ID), n);
            onOtherPlans += n;
        }
        if (total - onOtherPlans > 0) {
            byPlan.put(defaultPlan, total - onOtherPlans);
        }

        Map<LocalDate, Long> registrations = new HashMap<>();
        registrations(ofTenant, days, zone.getRules().getOffset(now)).forEach(registrations::put);

        long[] active = new long[3];
        Duration[] spans = {Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30)};
        for (int i = 0; i < spans.length; i++) {
            Bson since = Filters.and(ofTenant, Filters.gte(LAST_LOGIN_AT, Fields.micros(now.minus(spans[i]))));
            active[i] = MongoCalls.call("count active users", () -> users.countDocuments(since));
        }
        return new UserFigures(byStatus, byPlan, registrations, active[0], active[1], active[2]);
    }

    /** Users created per day of {@code days} at {@code offset}. */
    private Map<LocalDate, Long> registrations(Bson ofTenant, DayRange days, ZoneOffset offset) {
        LocalDate first = days.from().isBefore(EARLIEST) ? EARLIEST : days.from();
        LocalDate last = days.to().isAfter(LATEST) ? LATEST : days.to();
        Map<LocalDate, Long> counts = new HashMap<>();
        if (first.isAfter(last)) {
            return counts;
        }
        long start = Fields.micros(first.atStartOfDay().toInstant(offset));
        long end = Fields.micros(last.plusDays(1).atStartOfDay().toInstant(offset));
        // micros since the first day's start, then the whole days in them: (x - x mod d) / d, exact
        Document sinceStart = new Document("$subtract", List.of("$" + CREATED_AT, start));
        Document wholeDays = new Document("$divide", List.of(
                new Document("$subtract", List.of(sinceStart, new Document("$mod", List.of(sinceStart, DAY_MICROS)))),
                DAY_MICROS));
        for (Document group : aggregate(users, "count registrations per day", List.of(
                Aggregates.match(Filters.and(ofTenant, Filters.gte(CREATED_AT, start), Filters.lt(CREATED_AT, end))),
                Aggregates.group(wholeDays, Accumulators.sum("n", 1))))) {
            long day = Math.round(((Number) group.get(ID)).doubleValue());
            counts.put(first.plusDays(day), count(group));
        }
        return counts;
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
        Bson match = Aggregates.match(Filters.and(Filters.eq(Collections.TENANT, tenant.value()),
                Filters.gte(Collections.DAILY_DAY, kept.get().from().toString()),
                Filters.lte(Collections.DAILY_DAY, kept.get().to().toString())));

        List<UsageFigures.MeterDay> perDay = new ArrayList<>();
        for (Document group : aggregate(daily, "sum usage per day", List.of(match, Aggregates.group(
                new Document("day", "$" + Collections.DAILY_DAY).append("meter", "$" + Collections.DAILY_METER),
                Accumulators.sum("calls", "$" + Collections.DAILY_CALLS),
                Accumulators.sum("granted", "$" + Collections.DAILY_GRANTED),
                Accumulators.sum("units", "$" + Collections.DAILY_UNITS))))) {
            Document key = group.get(ID, Document.class);
            perDay.add(new UsageFigures.MeterDay(LocalDate.parse(key.getString("day")), key.getString("meter"),
                    number(group, "calls"), number(group, "granted"), number(group, "units")));
        }
        perDay.sort(Comparator.comparing(UsageFigures.MeterDay::day).thenComparing(UsageFigures.MeterDay::meter, MeterName.ORDER));

        List<UsageFigures.TopConsumer> consumers = new ArrayList<>();
        if (top > 0) {
            for (Document group : aggregate(daily, "find the top consumers", List.of(match,
                    Aggregates.group(new Document("user", "$" + Collections.USER).append("meter", "$" + Collections.DAILY_METER),
                            Accumulators.sum("units", "$" + Collections.DAILY_UNITS)),
                    Aggregates.match(Filters.gt("units", 0)),
                    Aggregates.sort(Sorts.orderBy(Sorts.descending("units"), Sorts.ascending("_id.user", "_id.meter"))),
                    Aggregates.limit(top)))) {
                Document key = group.get(ID, Document.class);
                consumers.add(new UsageFigures.TopConsumer(
                        UserRef.of(tenant, new UserId(Fields.uuid(key.getString("user")))), key.getString("meter"),
                        number(group, "units")));
            }
        }
        return new UsageFigures(perDay, consumers);
    }

    private static List<Document> aggregate(MongoCollection<Document> collection, String operation, List<Bson> pipeline) {
        return MongoCalls.call(operation, () -> collection.aggregate(pipeline).into(new ArrayList<>()));
    }

    private static long count(Document group) {
        return number(group, "n");
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
