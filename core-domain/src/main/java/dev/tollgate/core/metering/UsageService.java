package dev.tollgate.core.metering;

import dev.tollgate.core.user.User;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.UsageReport;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** A user's meters as of now, from the ledger, and daily usage, from the usage log. */
public final class UsageService implements UsageReports {

    private final UserStore users;
    private final PlanBook planBook;
    private final UsageLog usage;
    private final ZoneId zone;
    private final Clock clock;

    public UsageService(UserStore users, PlanBook planBook, UsageLog usage, ZoneId zone, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.planBook = Objects.requireNonNull(planBook, "planBook");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome<UsageReport> report(UserRef user, int days) {
        Objects.requireNonNull(user, "user");
        if (days < 1 || days > MAX_DAYS) {
            return Outcome.refused(Problem.InvalidInput.of("days", "must be 1 to " + MAX_DAYS));
        }
        return User.load(users, user).map(found -> {
            Instant now = clock.instant();
            LocalDate today = now.atZone(zone).toLocalDate();
            LocalDate from = today.minusDays(days - 1L);
            PlanBook.Entitled entitled = planBook.entitled(user);
            List<UsageReport.Day> daily = usage.daily(user, DayRange.of(from, today)).stream().map(UsageService::day)
                    .toList();
            return new UsageReport(user, entitled.plan().name(), entitled.level(), entitled.entitlements(),
                    planBook.meters(user, entitled, null, null, now), from, today, zone, daily);
        });
    }

    private static UsageReport.Day day(DailyUsage aggregate) {
        return new UsageReport.Day(aggregate.day(), aggregate.meter(), aggregate.key(), aggregate.calls(),
                aggregate.granted(), aggregate.units());
    }
}
