package dev.tollgate.port.spi.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Instant;
import java.util.Objects;

/**
 * Metered balances: per user and meter, what was used of an allowance that resets each period,
 * and a top-up balance that does not.
 *
 * <p>A store remembers what was <em>used</em> of the period's allowance, not what is left of
 * it; the caller names the allowance in force on every call (a {@link PeriodAllowance}: the
 * period's start and what it allows), and what is left is always
 * {@code max(0, allowance - usedThisPeriod)}. So a user moved to a bigger plan mid-period (or
 * given a bigger override, or whose plan an operator raised) gets the bigger allowance at once,
 * less what was already used; moved to a smaller one, what is left drops, never below zero; and
 * moved back, what was used is still remembered. Top-ups are never touched by an allowance
 * change.
 *
 * <p>Resets are lazy: the first operation that names a newer {@code periodStart} than the
 * stored one finds nothing used in the new period (and stores that period once it writes); no job is needed, and none can run twice.
 * Each method is one atomic operation, correct with several processes on one database.
 */
public interface MeterLedger {

    /**
     * Takes {@code cost} (at least 1), what is left of the period's {@code allowance} first and
     * the top-up balance after it, only if together they cover it ({@code TAKEN}); otherwise
     * takes nothing ({@code INSUFFICIENT}). What it takes of the allowance counts as used this
     * period. Concurrent calls never take more than the balance, and no call's take is lost.
     */
    Consumption consume(UserRef user, MeterName meter, long cost, PeriodAllowance allowance);

    /**
     * Counts one call under {@code limit} in {@code counters} at {@code now} and, only when that
     * count is granted, consumes {@code cost} as {@link #consume} does: what
     * {@link WindowCounters#tryAcquire} followed by {@code consume} do, a refused count taking
     * nothing and a refused consumption keeping its count. This default makes exactly those two
     * calls. A ledger that keeps {@code counters} in its own database may make them one atomic
     * step (both applied or neither) and decide concurrent calls together; the SQL stores do, for
     * the counters of their own database, so verify-and-consume is one transaction. A cost below 1
     * is refused with an {@link IllegalArgumentException} and a null argument with a
     * {@link NullPointerException}, before anything is counted.
     */
    default CountedConsumption consumeCounted(WindowCounters counters, CounterKey key, WindowLimit limit, Instant now,
            UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        Objects.requireNonNull(counters, "counters");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(allowance, "allowance");
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        Acquisition acquired = counters.tryAcquire(key, limit, now);
        if (!acquired.isGranted()) {
            return CountedConsumption.limited(acquired);
        }
        return CountedConsumption.counted(acquired, consume(user, meter, cost, allowance));
    }

    /**
     * Adds {@code amount} (at least 1) to the top-up balance; answers the balance after it, with
     * what is left of {@code allowance}.
     */
    MeterBalance topUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance);

    /**
     * Takes {@code amount} (at least 1) from the top-up balance alone, never from the allowance,
     * only if the top-up covers it ({@code TAKEN}, with the balance after it); otherwise takes
     * nothing ({@code INSUFFICIENT}, with the balance as of the allowance's period). The balance
     * never goes below zero: concurrent deductions never take more than it holds.
     */
    Consumption deductTopUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance);

    /** The balance as of the allowance's period, with what is left of it, changing nothing. */
    MeterBalance balance(UserRef user, MeterName meter, PeriodAllowance allowance);

    /** Removes every balance of the user; answers how many. */
    int deleteAll(UserRef user);
}
