package dev.tollgate.port.spi.metering;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The record of verify-and-consume calls: each event as it happened, and per user, key, meter
 * and day a running aggregate. Events arrive in batches from a {@link UsageSink} off the hot path.
 * Every read and removal is of one tenant's records only.
 */
public interface UsageLog {

    /** The most events one {@link #page} read answers: the largest page of the API (200) and one more. */
    int MAX_PAGE = 201;

    /**
     * Stores the events and adds each to the aggregate of its user, key, meter and day (the day
     * of {@code at} in {@code zone}, as {@link UsageDay#of} finds it), all or nothing: a batch
     * with an event whose day is beyond the usage days, or that would carry an aggregate beyond
     * {@link Long#MAX_VALUE}, is refused whole. Concurrent appends, also from other processes,
     * lose no count.
     */
    void append(List<UsageEvent> events, ZoneId zone);

    /** The user's aggregates of the days of {@code days}, ordered by day, then meter, then key. */
    List<DailyUsage> daily(UserRef user, DayRange days);

    /** The user's newest events, newest first, at most {@code limit} (at least 1). */
    List<UsageEvent> recent(UserRef user, int limit);

    /**
     * One page of the user's events, newest first ({@link UsageEvent#at()} descending, ties by id
     * descending), starting strictly after {@code after} (from the newest when empty): at most
     * {@code limit} (1 to {@link #MAX_PAGE}, else {@link IllegalArgumentException}; the core asks
     * one more than a page holds to know whether more follow). Each event keeps its {@link UsageEvent#context()} as appended. Only events of the
     * user's tenant and id are read, and its cost does not grow with how deep the page is.
     */
    List<LoggedUsage> page(UserRef user, Optional<UsagePosition> after, int limit);

    /**
     * Removes the events of {@code tenant} before {@code cutoff} (aggregates stay); answers how
     * many. Other tenants' events stay, whatever their age.
     */
    int purgeEventsBefore(TenantId tenant, Instant cutoff);

    /** Removes every event and aggregate of the user; answers how many rows. */
    int deleteAll(UserRef user);
}
