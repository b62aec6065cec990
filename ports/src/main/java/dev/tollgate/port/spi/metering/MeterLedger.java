package dev.tollgate.port.spi.metering;

import dev.tollgate.port.UserRef;
import java.time.Instant;

/**
 * Metered balances: per user and meter, what was used of an allowance that resets each period,
 * and a top-up balance that does not.
 *
 * <p>A store remembers what was <em>used</em> of the period's allowance, not what is left of
 * it; the caller names the allowance in force on every call, and what is left is always
 * {@code max(0, allowance - usedThisPeriod)}. So a user moved to a bigger plan mid-period (or
 * given a bigger override, or whose plan an operator raised) gets the bigger allowance at once,
 * less what was already used; moved to a smaller one, what is left drops, never below zero; and
 * moved back, what was used is still remembered. Top-ups are never touched by an allowance
 * change.
 *
 * <p>Resets are lazy: the first operation that names a newer {@code periodStart} than the
 * stored one finds nothing used in the new period; no job is needed, and none can run twice.
 * Each method is one atomic operation, correct with several processes on one database.
 */
public interface MeterLedger {

    /** Longest meter name a store must accept. */
    int MAX_METER_LENGTH = 64;

    /**
     * Takes {@code cost} (at least 1), what is left of the period's {@code allowance} first and
     * the top-up balance after it, only if together they cover it; otherwise takes nothing.
     * What it takes of the allowance counts as used this period. Concurrent calls never take
     * more than the balance, and no call's take is lost.
     */
    Consumption consume(UserRef user, String meter, long cost, Instant periodStart, long allowance);

    /**
     * Adds {@code amount} (at least 1) to the top-up balance; answers the balance after it, with
     * what is left of {@code allowance}.
     */
    MeterBalance topUp(UserRef user, String meter, long amount, Instant periodStart, long allowance);

    /** The balance as of {@code periodStart}, with what is left of {@code allowance}, changing nothing. */
    MeterBalance balance(UserRef user, String meter, Instant periodStart, long allowance);

    /** Removes every balance of the user; answers how many. */
    int deleteAll(UserRef user);
}
