package dev.tollgate.adapter.sql.admin;

import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.admin.StatisticsStore;
import dev.tollgate.port.spi.admin.UsageFigures;
import dev.tollgate.port.spi.admin.UserFigures;
import dev.tollgate.port.spi.metering.DayRange;
import java.time.Instant;
import java.time.ZoneId;

/** Being built (issue 11). */
public final class SqlStatisticsStore implements StatisticsStore {

    public SqlStatisticsStore(Database database) {
    }

    @Override
    public UserFigures users(TenantId tenant, String defaultPlan, DayRange days, ZoneId zone, Instant now) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public UsageFigures usage(TenantId tenant, DayRange days, int top) {
        throw new UnsupportedOperationException("not built yet");
    }
}
