package dev.tollgate.port.spi.admin;

import dev.tollgate.port.AccountStatus;
import java.time.LocalDate;
import java.util.Map;

/**
 * Counts over a tenant's users.
 *
 * @param byStatus      users per status; a status without users may be missing
 * @param byPlan        users per plan, users without a subscription counted on the default plan
 * @param registrations users created per day of the range; a day without may be missing
 * @param activeDay     users whose last login is at most 1 day before now
 * @param activeWeek    ... at most 7 days
 * @param activeMonth   ... at most 30 days
 */
public record UserFigures(Map<AccountStatus, Long> byStatus, Map<String, Long> byPlan,
        Map<LocalDate, Long> registrations, long activeDay, long activeWeek, long activeMonth) {

    public UserFigures {
        byStatus = Map.copyOf(byStatus);
        byPlan = Map.copyOf(byPlan);
        registrations = Map.copyOf(registrations);
    }
}
