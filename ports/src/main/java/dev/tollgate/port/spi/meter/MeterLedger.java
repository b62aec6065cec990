package dev.tollgate.port.spi.meter;

import dev.tollgate.port.UserRef;
import java.time.Instant;

/**
 * Metered balances: per user and meter, an allowance that resets each period and a top-up
 * balance that does not. Resets are lazy: the first operation that names a newer
 * {@code periodStart} than the stored one finds the allowance reset to {@code allowance}; no
 * job is needed, and none can run twice. Each method is one atomic operation, correct with
 * several processes on one database.
 */
public interface MeterLedger {

    /** Longest meter name a store must accept. */
    int MAX_METER_LENGTH = 64;

    /**
     * Takes {@code cost} (at least 1), the period's allowance first and the top-up balance
     * after it, only if together they cover it; otherwise takes nothing. Concurrent calls never
     * take more than the balance, and no call's take is lost.
     */
    Consumption consume(UserRef user, String meter, long cost, Instant periodStart, long allowance);

    /** Adds {@code amount} (at least 1) to the top-up balance; answers the balance after it. */
    MeterBalance topUp(UserRef user, String meter, long amount, Instant periodStart, long allowance);

    /** The balance as of {@code periodStart}, changing nothing. */
    MeterBalance balance(UserRef user, String meter, Instant periodStart, long allowance);

    /** Removes every balance of the user; answers how many. */
    int deleteAll(UserRef user);
}
