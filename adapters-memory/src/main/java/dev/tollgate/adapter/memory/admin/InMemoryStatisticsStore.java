package dev.tollgate.adapter.memory.admin;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UsageFigures;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.metering.DayRange;
import java.time.Instant;
import java.time.ZoneId;

/** Being built (issue 11). */
public final class InMemoryStatisticsStore implements StatisticsStore {

    @Override
    public UserFigures users(TenantId tenant, String defaultPlan, DayRange days, ZoneId zone, Instant now) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public UsageFigures usage(TenantId tenant, DayRange days, int top) {
        throw new UnsupportedOperationException("not built yet");
    }
}
