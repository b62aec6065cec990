package dev.tollgate.port.api.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Page;
import dev.tollgate.port.api.PageRequest;

/** What a user's keys have used: the meters now, the history per day, and the recent calls one by one. */
public interface UsageReports {

    /** Most days a report covers. */
    int MAX_DAYS = 366;

    /**
     * The user's plan and meters as of now, and the daily usage of the last {@code days} days
     * (1 to {@link #MAX_DAYS}) up to and including today, in the plans' time zone. The history
     * holds what the usage recorder has written, which trails the calls by up to its flush
     * interval. Refusals: {@code VALIDATION_FAILED} (days out of range), {@code USER_NOT_FOUND}.
     */
    Outcome<UsageReport> report(UserRef user, int days);

    /**
     * The user's recorded calls, newest first (ties of one instant by the store's order of them),
     * with each call's request id and tags, paged by keyset: a page's
     * {@link Page#nextCursor()} continues after its last call. Calls are written by the usage
     * recorder, so they appear up to its flush interval after the call; calls older than the
     * usage log keeps are gone. {@link PageRequest#count()} is ignored (no total is counted).
     * Refusals: {@code VALIDATION_FAILED} (a limit outside 1 to {@link PageRequest#MAX_LIMIT}, a
     * cursor not of this list), {@code USER_NOT_FOUND}.
     */
    Outcome<Page<UsageEventView>> events(UserRef user, PageRequest page);
}
