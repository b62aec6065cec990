package dev.tollgate.core.metering;

import dev.tollgate.core.staff.KeysetCursor;
import dev.tollgate.core.user.User;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.UsageEventView;
import dev.tollgate.port.api.metering.UsageReport;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.LoggedUsage;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsagePosition;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's meters as of now, from the ledger, and daily usage and recorded calls, from the usage
 * log. The calls page by keyset: a cursor holds the last call's time and the store's id of it.
 */
public final class UsageService implements UsageReports {

    /** A position as a cursor's key: epoch seconds, nanoseconds and the store's id, in decimal. */
    private static final Pattern POSITION = Pattern.compile("(-?[0-9]{1,19})\\.([0-9]{1,9})\\.(-?[0-9]{1,19})");

    private final UserStore users;
    private final PlanBook planBook;
    private final UsageLog usage;
    private final ZoneId zone;
    private final Clock clock;
    private final KeysetCursor cursors = new KeysetCursor("usage-events");

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

    @Override
    public Outcome<Page<UsageEventView>> events(UserRef user, PageRequest page) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(page, "page");
        return cursors.after(page).flatMap(UsageService::position)
                .flatMap(after -> User.load(users, user).map(found -> {
                    List<LoggedUsage> fetched = usage.page(user, after, page.limit() + 1);
                    Page<LoggedUsage> logged = cursors.page(fetched, page, UsageService::key, OptionalLong.empty());
                    return new Page<>(logged.items().stream().map(UsageService::view).toList(), logged.nextCursor(),
                            OptionalLong.empty());
                }));
    }

    /** The position a cursor's key names, or {@code VALIDATION_FAILED} when it names none. */
    private static Outcome<Optional<UsagePosition>> position(Optional<String> key) {
        if (key.isEmpty()) {
            return Outcome.done(Optional.empty());
        }
        Matcher parts = POSITION.matcher(key.get());
        if (parts.matches()) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(parts.group(1)), Long.parseLong(parts.group(2)));
                return Outcome.done(Optional.of(new UsagePosition(at, Long.parseLong(parts.group(3)))));
            } catch (RuntimeException outOfRange) {
                // a number beyond a long or an instant beyond Instant's years: refused below
            }
        }
        return Outcome.refused(Problem.InvalidInput.of("cursor", "is not a cursor of this list"));
    }

    private static String key(LoggedUsage logged) {
        Instant at = logged.event().at();
        return at.getEpochSecond() + "." + at.getNano() + "." + logged.id();
    }

    private static UsageEventView view(LoggedUsage logged) {
        UsageEvent event = logged.event();
        return new UsageEventView(event.key(), event.meter(), event.cost(), event.outcome(), event.at(),
                event.context().requestId(), event.context().tags());
    }

    private static UsageReport.Day day(DailyUsage aggregate) {
        return new UsageReport.Day(aggregate.day(), aggregate.meter(), aggregate.key(), aggregate.calls(),
                aggregate.granted(), aggregate.units());
    }
}
