package dev.tollgate.core.admin;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.admin.Statistics;
import dev.tollgate.port.api.admin.Stats;
import dev.tollgate.port.api.admin.StatsQuery;
import dev.tollgate.port.api.staff.Actor;

/** Being built (issue 11). */
public final class StatisticsService implements Statistics {

    @Override
    public Outcome<Stats> stats(Actor actor, StatsQuery query) {
        throw new UnsupportedOperationException("not built yet");
    }
}
