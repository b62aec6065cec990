package dev.tollgate.core.metering;

import dev.tollgate.port.settings.Plan;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Where allowance periods begin and end: days and months in the configured time zone (a day
 * that starts at 00:00 in Berlin starts at 23:00 UTC the evening before, and a day of a
 * daylight-saving change has 23 or 25 hours).
 */
public final class Periods {

    private final ZoneId zone;

    public Periods(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The start of the period that contains {@code now}. */
    public Instant start(Plan.Period period, Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        LocalDate first = period == Plan.Period.DAILY ? day : day.withDayOfMonth(1);
        return first.atStartOfDay(zone).toInstant();
    }

    /** The start of the period after the one that contains {@code now}. */
    public Instant next(Plan.Period period, Instant now) {
        ZonedDateTime start = start(period, now).atZone(zone);
        return (period == Plan.Period.DAILY ? start.plusDays(1) : start.plusMonths(1)).toLocalDate()
                .atStartOfDay(zone).toInstant();
    }
}
