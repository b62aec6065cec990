package dev.tollgate.port.api.admin;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.staff.Actor;

/** A tenant's figures, computed by the store in indexed queries (never by loading users). */
public interface Statistics {

    /** Needs {@code stats.read}. Refusals: {@code VALIDATION_FAILED} (a bad range or top). */
    Outcome<Stats> stats(Actor actor, StatsQuery query);
}
