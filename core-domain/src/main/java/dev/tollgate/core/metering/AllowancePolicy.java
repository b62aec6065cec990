package dev.tollgate.core.metering;

import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * The meter allowance rule, built from the plans' time zone:
 * <ul>
 *   <li>what a plan allows of a meter per period, a user's override replacing the amount (never
 *       the period); a meter the plan does not name allows nothing, daily, so only top-ups pay
 *       for it;</li>
 *   <li>where periods begin and end: days and months in the configured zone (a day that starts
 *       at 00:00 in Berlin starts at 23:00 UTC the evening before, and a day of a
 *       daylight-saving change has 23 or 25 hours);</li>
 *   <li>the allowance in force at a moment, as the ledger receives it ({@link PeriodAllowance}):
 *       the start of the period containing the moment and the amount. The ledger resets lazily
 *       on a newer period start and spends what is left of the allowance before top-ups.</li>
 * </ul>
 */
public final class AllowancePolicy {

    /** A meter the plan does not name has no allowance: only top-ups can pay for it. */
    private static final Plan.Allowance NO_ALLOWANCE = new Plan.Allowance(0, Plan.Period.DAILY);

    private final ZoneId zone;

    public AllowancePolicy(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** What {@code plan} allows of {@code meter} per period, with the user's {@code overrides} (meter to amount). */
    public Plan.Allowance allowance(Plan plan, Map<String, Long> overrides, String meter) {
        Plan.Allowance planned = plan.meters().getOrDefault(meter, NO_ALLOWANCE);
        Long override = overrides.get(meter);
        return override == null ? planned : new Plan.Allowance(override, planned.period());
    }

    /** The allowance in force at {@code now}: its period's start and its amount. */
    public PeriodAllowance inForce(Plan.Allowance allowance, Instant now) {
        return PeriodAllowance.of(periodStart(allowance.period(), now), allowance.amount());
    }

    /** The start of the period that contains {@code now}. */
    public Instant periodStart(Plan.Period period, Instant now) {
        LocalDate day = now.atZone(zone).toLocalDate();
        LocalDate first = period == Plan.Period.DAILY ? day : day.withDayOfMonth(1);
        return first.atStartOfDay(zone).toInstant();
    }

    /** The start of the period after the one that contains {@code now}: when the allowance starts afresh. */
    public Instant nextReset(Plan.Period period, Instant now) {
        ZonedDateTime start = periodStart(period, now).atZone(zone);
        return (period == Plan.Period.DAILY ? start.plusDays(1) : start.plusMonths(1)).toLocalDate()
                .atStartOfDay(zone).toInstant();
    }
}
