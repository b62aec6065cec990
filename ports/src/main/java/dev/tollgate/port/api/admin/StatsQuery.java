package dev.tollgate.port.api.admin;

import dev.tollgate.port.TenantId;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Which statistics to compute.
 *
 * @param from first day of the per-day series (in the plans' time zone), included
 * @param to   last day, included; at most {@link #MAX_DAYS} days after {@code from}
 * @param top  how many top consumers to list, 1 to 100
 */
public record StatsQuery(TenantId tenant, LocalDate from, LocalDate to, int top) {

    public static final int MAX_DAYS = 366;

    public StatsQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
