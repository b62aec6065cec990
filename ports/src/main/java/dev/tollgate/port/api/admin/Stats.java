package dev.tollgate.port.api.admin;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant's statistics at {@code at}.
 *
 * @param byStatus      users per status (every status, zero included)
 * @param byPlan        users per plan
 * @param registrations users created per day, every day of the range (zero included)
 * @param active        users who logged in within the last 1, 7 and 30 days
 * @param usage         per day and meter: verifications and units consumed
 * @param topConsumers  the users who consumed most units over the range, most first
 */
public record Stats(
        Instant at,
        Map<AccountStatus, Long> byStatus,
        Map<String, Long> byPlan,
        List<DayCount> registrations,
        Active active,
        List<MeterDay> usage,
        List<Consumer> topConsumers) {

    public Stats {
        Objects.requireNonNull(at, "at");
        byStatus = Map.copyOf(byStatus);
        byPlan = Map.copyOf(byPlan);
        registrations = List.copyOf(registrations);
        Objects.requireNonNull(active, "active");
        usage = List.copyOf(usage);
        topConsumers = List.copyOf(topConsumers);
    }

    public record DayCount(LocalDate day, long count) {
    }

    public record Active(long lastDay, long last7Days, long last30Days) {
    }

    public record MeterDay(LocalDate day, String meter, long verifications, long units) {
    }

    public record Consumer(UserId user, String username, String meter, long units) {
    }
}
