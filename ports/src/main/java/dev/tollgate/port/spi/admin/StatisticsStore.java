package dev.tollgate.port.spi.admin;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.metering.DayRange;
import java.time.Instant;
import java.time.ZoneId;

/** Figures over one tenant, each computed in indexed aggregate queries, never by loading rows. */
public interface StatisticsStore {

    /**
     * Users by status and plan, registrations per day of {@code days} (the day of
     * {@code createdAt} in {@code zone}; a store may take a zone at its offset at {@code now}),
     * and active users as of {@code now}.
     */
    UserFigures users(TenantId tenant, String defaultPlan, DayRange days, ZoneId zone, Instant now);

    /** The daily usage aggregates of {@code days} summed per day and meter, and the top {@code top} consumers. */
    UsageFigures usage(TenantId tenant, DayRange days, int top);
}
