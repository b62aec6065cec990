package dev.tollgate.adapter.memory.admin;

import dev.tollgate.adapter.memory.metering.InMemoryUsageLog;
import dev.tollgate.adapter.memory.user.InMemoryUserStore;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UsageFigures;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.metering.SubscriptionStore;
import dev.tollgate.port.spi.user.UserRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link StatisticsStore} over the in-memory user, subscription and usage stores. It counts by
 * walking the tenant's records, in the zone given (not only its offset at {@code now}).
 */
public final class InMemoryStatisticsStore implements StatisticsStore {

    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    private record DayMeter(LocalDate day, String meter) {
    }

    private record UserMeter(UserRef user, String meter) {
    }

    private final InMemoryUserStore users;
    private final SubscriptionStore subscriptions;
    private final InMemoryUsageLog usage;

    public InMemoryStatisticsStore(InMemoryUserStore users, SubscriptionStore subscriptions, InMemoryUsageLog usage) {
        this.users = Objects.requireNonNull(users, "users");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    @Override
    public UserFigures users(TenantId tenant, String defaultPlan, DayRange days, ZoneId zone, Instant now) {
        Objects.requireNonNull(defaultPlan, "defaultPlan");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(now, "now");
        Map<AccountStatus, Long> byStatus = new HashMap<>();
        Map<String, Long> byPlan = new HashMap<>();
        Map<LocalDate, Long> registrations = new HashMap<>();
        long[] active = new long[3];
        Instant dayAgo = now.minus(Duration.ofDays(1));
        Instant weekAgo = now.minus(Duration.ofDays(7));
        Instant monthAgo = now.minus(Duration.ofDays(30));
        for (UserRecord user : users.usersOf(tenant)) {
            byStatus.merge(user.status(), 1L, Long::sum);
            byPlan.merge(subscriptions.find(user.ref()).map(Subscription::plan).orElse(defaultPlan), 1L, Long::sum);
            LocalDate created = LocalDate.ofInstant(user.createdAt(), zone);
            if (days.contains(created)) {
                registrations.merge(created, 1L, Long::sum);
            }
            Instant login = user.lastLoginAt();
            if (login != null) {
                active[0] += login.isBefore(dayAgo) ? 0 : 1;
                active[1] += login.isBefore(weekAgo) ? 0 : 1;
                active[2] += login.isBefore(monthAgo) ? 0 : 1;
            }
        }
        return new UserFigures(byStatus, byPlan, registrations, active[0], active[1], active[2]);
    }

    @Override
    public UsageFigures usage(TenantId tenant, DayRange days, int top) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(days, "days");
        if (top < 0) {
            throw new IllegalArgumentException("top must not be negative");
        }
        Map<DayMeter, long[]> perDay = new HashMap<>();
        Map<UserMeter, Long> perUser = new HashMap<>();
        for (DailyUsage daily : usage.dailyOf(tenant, days)) {
            long[] sums = perDay.computeIfAbsent(new DayMeter(daily.day(), daily.meter()), key -> new long[3]);
            sums[0] += daily.calls();
            sums[1] += daily.granted();
            sums[2] += daily.units();
            perUser.merge(new UserMeter(daily.user(), daily.meter()), daily.units(), Long::sum);
        }
        List<UsageFigures.MeterDay> dayFigures = new ArrayList<>();
        perDay.forEach((key, sums) -> dayFigures.add(new UsageFigures.MeterDay(key.day(), key.meter(), sums[0], sums[1], sums[2])));
        dayFigures.sort(Comparator.comparing(UsageFigures.MeterDay::day).thenComparing(UsageFigures.MeterDay::meter, MeterName.ORDER));
        List<UsageFigures.TopConsumer> consumers = perUser.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> new UsageFigures.TopConsumer(entry.getKey().user(), entry.getKey().meter(), entry.getValue()))
                .sorted(Comparator.comparingLong(UsageFigures.TopConsumer::units).reversed()
                        .thenComparing(consumer -> consumer.user().id().value(), UNSIGNED)
                        .thenComparing(UsageFigures.TopConsumer::meter, MeterName.ORDER))
                .limit(top)
                .toList();
        return new UsageFigures(dayFigures, consumers);
    }
}
