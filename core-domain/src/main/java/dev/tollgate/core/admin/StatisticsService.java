package dev.tollgate.core.admin;

import dev.tollgate.core.staff.AccessRules;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.admin.Statistics;
import dev.tollgate.port.api.admin.Stats;
import dev.tollgate.port.api.admin.StatsQuery;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UsageFigures;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tenant's figures from the statistics store, completed for display: every status, every
 * configured plan and every day of the range present (zero included), and the top consumers named. Days are the plans'
 * time zone's.
 */
public final class StatisticsService implements Statistics {

    /** Most top consumers one call lists. */
    public static final int MAX_TOP = 100;

    private final AccessRules access;
    private final StatisticsStore store;
    private final UserStore users;
    private final PlanSettings plans;
    private final Clock clock;

    public StatisticsService(AccessRules access, StatisticsStore store, UserStore users, PlanSettings plans,
            Clock clock) {
        this.access = Objects.requireNonNull(access, "access");
        this.store = Objects.requireNonNull(store, "store");
        this.users = Objects.requireNonNull(users, "users");
        this.plans = Objects.requireNonNull(plans, "plans");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome<Stats> stats(Actor actor, StatsQuery query) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(query, "query");
        return access.guard(actor, Permission.STATS_READ, query.tenant(), null, RequestContext.NONE,
                () -> allowed(query));
    }

    private Outcome<Stats> allowed(StatsQuery query) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (query.from().isAfter(query.to())) {
            errors.add(new Problem.FieldError("from", "must not be after to"));
        } else if (ChronoUnit.DAYS.between(query.from(), query.to()) > StatsQuery.MAX_DAYS) {
            errors.add(new Problem.FieldError("to", "must be at most " + StatsQuery.MAX_DAYS + " days after from"));
        }
        if (query.top() < 1 || query.top() > MAX_TOP) {
            errors.add(new Problem.FieldError("top", "must be 1 to " + MAX_TOP));
        }
        if (!errors.isEmpty()) {
            return Outcome.refused(new Problem.InvalidInput(errors));
        }
        Instant now = clock.instant();
        DayRange days = DayRange.of(query.from(), query.to());
        UserFigures people = store.users(query.tenant(), plans.defaultPlan(), days, plans.zone(), now);
        UsageFigures usage = store.usage(query.tenant(), days, query.top());

        Map<AccountStatus, Long> byStatus = new EnumMap<>(AccountStatus.class);
        for (AccountStatus status : AccountStatus.values()) {
            byStatus.put(status, people.byStatus().getOrDefault(status, 0L));
        }
        Map<String, Long> byPlan = new TreeMap<>(people.byPlan());
        plans.plans().keySet().forEach(plan -> byPlan.putIfAbsent(plan, 0L));
        List<Stats.DayCount> registrations = new ArrayList<>();
        for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
            registrations.add(new Stats.DayCount(day, people.registrations().getOrDefault(day, 0L)));
        }
        List<Stats.MeterDay> perDay = usage.days().stream()
                .map(day -> new Stats.MeterDay(day.day(), day.meter(), day.calls(), day.units()))
                .toList();
        List<Stats.Consumer> top = new ArrayList<>();
        for (UsageFigures.TopConsumer consumer : usage.top()) {
            // a user deleted since their usage was counted has none left to show
            users.findById(consumer.user()).ifPresent(user -> top.add(new Stats.Consumer(consumer.user().id(),
                    user.username().value(), consumer.meter(), consumer.units())));
        }
        return Outcome.done(new Stats(now, byStatus, byPlan, registrations,
                new Stats.Active(people.activeDay(), people.activeWeek(), people.activeMonth()), perDay, top));
    }
}
