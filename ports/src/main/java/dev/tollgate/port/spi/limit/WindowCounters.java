package dev.tollgate.port.spi.limit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Named fixed-window counters, for limits such as "3 codes per address per day". A window
 * opens at the first counted call and lasts the limit's {@code window}. Keys are the caller's
 * own: the store holds one counter per key, so a caller whose counters belong to a tenant names
 * the tenant in the key (Tollgate's core does), and counters of different tenants never meet.
 */
public interface WindowCounters {

    /**
     * Counts one call under {@code key}, atomically: when no window is open at {@code now}
     * (none yet, or its end is not after {@code now}), opens one with count 1, ending
     * {@code limit.window()} after {@code now}; when the open window's count is below
     * {@code limit.limit()}, increments it; both answer {@code GRANTED}. Otherwise counts
     * nothing and answers {@code REFUSED}. Concurrent calls never grant more than the limit in
     * one window.
     */
    Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now);

    /**
     * The window open under {@code key} at {@code now} (its end after {@code now}), changing
     * nothing; empty when none is open. Lets a caller refuse early what only some outcomes count,
     * such as failed attempts.
     */
    Optional<OpenWindow> current(CounterKey key, Instant now);

    /** A window still open: the calls it has counted and when it ends. */
    record OpenWindow(int count, Instant resetsAt) {
        public OpenWindow {
            Objects.requireNonNull(resetsAt, "resetsAt");
        }
    }
}
