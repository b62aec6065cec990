package dev.tollgate.adapter.sql.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * How a process leases blocks of meter balances and of rate-limit windows, so that most
 * verifications are decided in its memory with no database round trip, exactly.
 *
 * <p>A lease is taken in one transaction, from the row as a consumption or a count takes from
 * it, and spent in memory; what is left of it goes back when it expires (or the process stops
 * cleanly). A lease is only taken when at least {@code minimumCalls} calls' worth can be
 * leased without taking more than {@code 1/share} of what is left, so small balances and small
 * limits are decided in the database call by call, as without leases. A process that finds too
 * little left while other processes hold leases of the same row waits for them to come back
 * (at most {@code lifetime + grace}) before it refuses. A process that dies holding a lease
 * forfeits what is left of it: it counts as spent (at most {@code maximumCalls} calls' worth
 * and at most {@code 1/share} of what was left), and its lease stops holding anything up once
 * expired by {@code grace}.
 *
 * @param lifetime     how long a lease is spent from before what is left of it goes back
 * @param grace        how long past its expiry another process waits for a lease to come back
 *                     before it counts it as spent
 * @param share        a lease takes at most {@code 1/share} of what is left
 * @param minimumCalls the fewest calls a lease must cover to be taken
 * @param maximumCalls the most calls a lease covers; leases grow from {@code minimumCalls} by
 *                     doubling while each is spent before it expires
 */
public record LeaseSettings(Duration lifetime, Duration grace, int share, int minimumCalls, int maximumCalls) {

    /** Leases of 1 s, 1 s of grace, at most 1/64 of what is left, 8 to 1,024 calls. */
    public static final LeaseSettings DEFAULTS = new LeaseSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 64, 8,
            1024);

    public LeaseSettings {
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(grace, "grace");
        if (lifetime.compareTo(Duration.ofMillis(100)) < 0 || lifetime.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("lifetime must be 100 ms to 1 min, was " + lifetime);
        }
        if (grace.compareTo(Duration.ofMillis(100)) < 0 || grace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("grace must be 100 ms to 1 min, was " + grace);
        }
        if (share < 2) {
            throw new IllegalArgumentException("share must be at least 2, was " + share);
        }
        if (minimumCalls < 2 || maximumCalls < minimumCalls || maximumCalls > 1 << 20) {
            throw new IllegalArgumentException("calls per lease need 2 <= minimumCalls <= maximumCalls <= 1048576, were "
                    + minimumCalls + " and " + maximumCalls);
        }
    }

    /** How long a call that found too little left waits at most for other processes' leases. */
    public Duration longestWait() {
        return lifetime.plus(grace).plusMillis(250);
    }
}
