package dev.tollgate.port.api.metering;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.settings.ServiceLevel;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A user's plan, meters and daily usage.
 *
 * @param meters each meter of the plan (and any other with a balance) as of now
 * @param from   the first day covered
 * @param to     the last day covered (today)
 * @param zone   the time zone of the days
 * @param daily  per day, meter and key: ordered by day, then meter, then key
 */
public record UsageReport(UserRef user, String plan, ServiceLevel level, Set<String> entitlements,
        Map<String, MeterState> meters, LocalDate from, LocalDate to, ZoneId zone, List<Day> daily) {

    public UsageReport {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(level, "level");
        entitlements = Set.copyOf(entitlements);
        meters = Map.copyOf(meters);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        daily = List.copyOf(daily);
    }

    /**
     * What one key did on one meter in one day.
     *
     * @param calls   every verification recorded, granted or refused
     * @param granted the verifications that were granted
     * @param units   the units the granted ones took
     */
    public record Day(LocalDate day, String meter, ApiKeyId key, long calls, long granted, long units) {
        public Day {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(meter, "meter");
            Objects.requireNonNull(key, "key");
        }

        public long refused() {
            return calls - granted;
        }
    }
}
