package dev.tollgate.tck.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UsageFigures;
import dev.tollgate.port.spi.admin.UsageFigures.MeterDay;
import dev.tollgate.port.spi.admin.UsageFigures.TopConsumer;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.internal.Unique;
import dev.tollgate.tck.support.UserRecords;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StatisticsStore}, over the users of a {@link UserStore}, the plans of a
 * {@link SubscriptionStore} and the aggregates of a {@link UsageLog} of the same stores. The
 * hooks are called before every test and may answer stores shared by all tests: each test works
 * in a fresh tenant.
 *
 * <p>Beyond the Javadoc, the contract pins these readings: it uses zones of a fixed offset (a
 * store may take a zone at its offset at {@code now}); "at most a day before now" includes
 * exactly a day; counts of zero may be missing from the maps; top consumers are users with
 * units above zero, summed per user and meter, most first, ties by user id (unsigned), then meter.
 */
public abstract class StatisticsStoreContract {

    protected static final Instant NOW = Instant.parse("2025-06-10T12:00:00.250Z");
    private static final String DEFAULT_PLAN = "free";
    private static final ZoneOffset PLUS_TWO = ZoneOffset.ofHours(2);

    private StatisticsStore statistics;
    private UserStore users;
    private SubscriptionStore subscriptions;
    private UsageLog usage;
    private TenantId tenant;

    /** The store under test; called before each test. */
    protected abstract StatisticsStore statisticsStore();

    /** The user store the figures count. */
    protected abstract UserStore userStore();

    /** The subscriptions the figures count plans from. */
    protected abstract SubscriptionStore subscriptionStore();

    /** The usage log whose daily aggregates the figures sum. */
    protected abstract UsageLog usageLog();

    @BeforeEach
    void setUpStatisticsStore() {
        statistics = statisticsStore();
        users = userStore();
        subscriptions = subscriptionStore();
        usage = usageLog();
        tenant = Unique.tenant();
    }

    private UserRecord inserted(UnaryOperator<UserRecords> change) {
        UserRecord user = change.apply(UserRecords.aUser().withTenant(tenant)).build();
        assertThat(users.insert(user)).isEqualTo(InsertResult.inserted());
        return user;
    }

    private static <K> Map<K, Long> withoutZeros(Map<K, Long> counts) {
        return counts.entrySet().stream().filter(entry -> entry.getValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private UserFigures figures(DayRange days) {
        return statistics.users(tenant, DEFAULT_PLAN, days, PLUS_TWO, NOW);
    }

    @Test
    void users_areCountedByStatus_andByPlan_withUsersWithoutASubscriptionOnTheDefaultPlan() {
        UserRecord pro = inserted(user -> user);
        inserted(user -> user);
        UserRecord explicitFree = inserted(user -> user.withStatus(AccountStatus.SUSPENDED));
        inserted(user -> user.withStatus(AccountStatus.DEACTIVATED));
        subscriptions.save(new Subscription(pro.ref(), "pro", Map.of(), null, Set.of(), NOW));
        subscriptions.save(new Subscription(explicitFree.ref(), DEFAULT_PLAN, Map.of(), null, Set.of(), NOW));
        users.insert(UserRecords.aUser().withTenant(Unique.tenant()).build());

        UserFigures figures = figures(DayRange.of(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));

        assertThat(withoutZeros(figures.byStatus())).isEqualTo(Map.of(AccountStatus.ACTIVE, 2L,
                AccountStatus.SUSPENDED, 1L, AccountStatus.DEACTIVATED, 1L));
        assertThat(withoutZeros(figures.byPlan())).isEqualTo(Map.of("pro", 1L, DEFAULT_PLAN, 3L));
    }

    @Test
    void registrations_areCountedPerDayOfTheRange_inTheZone() {
        // at +02:00, 22:00Z starts the next day: 21:30Z is 23:30 of the same day, 22:30Z is 00:30 of the next
        inserted(user -> user.withCreatedAt(Instant.parse("2025-03-31T21:59:59.999Z")));
        inserted(user -> user.withCreatedAt(Instant.parse("2025-03-31T22:00:00Z")));
        inserted(user -> user.withCreatedAt(Instant.parse("2025-04-01T21:30:00Z")));
        inserted(user -> user.withCreatedAt(Instant.parse("2025-04-01T22:30:00Z")));
        inserted(user -> user.withCreatedAt(Instant.parse("2025-04-02T08:00:00Z")));
        inserted(user -> user.withCreatedAt(Instant.parse("2025-04-02T22:00:00Z")));

        UserFigures figures = figures(DayRange.of(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 2)));

        assertThat(withoutZeros(figures.registrations()))
                .isEqualTo(Map.of(LocalDate.of(2025, 4, 1), 2L, LocalDate.of(2025, 4, 2), 2L));
        assertThat(withoutZeros(figures.byStatus())).isEqualTo(Map.of(AccountStatus.ACTIVE, 6L));
    }

    @Test
    void activeUsers_areThoseWhoseLastLoginIsAtMostADayAWeekOrAMonthBeforeNow() {
        for (Duration ago : List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(1).plusMillis(1),
                Duration.ofDays(7), Duration.ofDays(8), Duration.ofDays(30), Duration.ofDays(31))) {
            inserted(user -> user.withLastLoginAt(NOW.minus(ago)));
        }
        inserted(user -> user.withLastLoginAt(null));

        UserFigures figures = figures(DayRange.of(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)));

        assertThat(figures.activeDay()).isEqualTo(2);
        assertThat(figures.activeWeek()).isEqualTo(4);
        assertThat(figures.activeMonth()).isEqualTo(6);
    }

    @Test
    void aTenantWithoutUsers_hasNoFigures() {
        UserFigures figures = figures(DayRange.of(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)));

        assertThat(withoutZeros(figures.byStatus())).isEmpty();
        assertThat(withoutZeros(figures.byPlan())).isEmpty();
        assertThat(withoutZeros(figures.registrations())).isEmpty();
        assertThat(figures.activeMonth()).isZero();
    }

    private static UUID idWithHighBits(long high) {
        return new UUID(high, Unique.uuid().getLeastSignificantBits());
    }

    @Test
    void usage_sumsTheDailyAggregatesPerDayAndMeter_andAnswersTheTopConsumers() {
        UserRef low = UserRef.of(tenant, new UserId(idWithHighBits(0x0000_0000_0000_7001L)));
        UserRef high = UserRef.of(tenant, new UserId(idWithHighBits(0xf000_0000_0000_7001L)));
        UserRef third = UserRef.of(tenant, Unique.userId());
        ApiKeyId key = new ApiKeyId(Unique.uuid());
        ApiKeyId otherKey = new ApiKeyId(Unique.uuid());
        Instant day1 = Instant.parse("2025-06-01T10:00:00Z");
        Instant day2 = Instant.parse("2025-06-02T10:00:00Z");
        usage.append(List.of(
                new UsageEvent(low, key, "requests", 5, UsageEvent.GRANTED, day1),
                new UsageEvent(low, otherKey, "requests", 5, UsageEvent.GRANTED, day1),
                new UsageEvent(low, key, "requests", 9, "INSUFFICIENT_CREDITS", day1),
                new UsageEvent(high, key, "requests", 10, UsageEvent.GRANTED, day2),
                new UsageEvent(high, key, "storage", 3, UsageEvent.GRANTED, day1),
                new UsageEvent(third, key, "requests", 4, UsageEvent.GRANTED, day2),
                new UsageEvent(third, key, "requests", 1000, UsageEvent.GRANTED, Instant.parse("2025-06-03T10:00:00Z")),
                new UsageEvent(UserRef.of(Unique.tenant(), low.id()), key, "requests", 500, UsageEvent.GRANTED, day1)),
                ZoneOffset.UTC);

        UsageFigures figures = statistics.usage(tenant, DayRange.of(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 2)), 3);

        assertThat(figures.days()).containsExactly(
                new MeterDay(LocalDate.of(2025, 6, 1), "requests", 3, 2, 10),
                new MeterDay(LocalDate.of(2025, 6, 1), "storage", 1, 1, 3),
                new MeterDay(LocalDate.of(2025, 6, 2), "requests", 2, 2, 14));
        assertThat(figures.top()).containsExactly(
                new TopConsumer(low, "requests", 10),
                new TopConsumer(high, "requests", 10),
                new TopConsumer(third, "requests", 4));
    }

    @Test
    void usage_answersAtMostTopConsumers_andNothingForADayRangeWithoutUsage() {
        UserRef user = UserRef.of(tenant, Unique.userId());
        usage.append(List.of(new UsageEvent(user, new ApiKeyId(Unique.uuid()), "requests", 2, UsageEvent.GRANTED,
                Instant.parse("2025-06-01T10:00:00Z"))), ZoneOffset.UTC);

        assertThat(statistics.usage(tenant, DayRange.of(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 1)), 0).top()).isEmpty();
        UsageFigures none = statistics.usage(tenant, DayRange.of(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 31)), 5);
        assertThat(none.days()).isEmpty();
        assertThat(none.top()).isEmpty();
    }
}
