package dev.tollgate.adapter.sql.metering;

import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code tg_meter_balances} as stored, and the arithmetic of taking from it, the same
 * as the ledger's statements do it: a lazy reset when an operation names a newer period; what is
 * left of the allowance named is {@code max(0, allowance - used)}; a row written before schema 7
 * ({@code allowanceUsed} null) counts {@code max(0, allowance - allowanceLeft)} as used; a take
 * comes from the allowance first and the top-up after it, whole or not at all.
 *
 * @param periodStart   the period the row's use belongs to
 * @param allowanceUsed what was used of the allowance in that period; null in a row from before schema 7
 * @param allowanceLeft what was left of the allowance after the row's last write
 * @param topUpLeft     what is left of the top-up
 */
record StoredBalance(Instant periodStart, Long allowanceUsed, long allowanceLeft, long topUpLeft) {

    StoredBalance {
        Objects.requireNonNull(periodStart, "periodStart");
    }

    /** The row a first operation of a meter makes: nothing used of {@code allowance} in its period, no top-up. */
    static StoredBalance fresh(PeriodAllowance allowance) {
        return new StoredBalance(allowance.periodStart(), 0L, allowance.amount(), 0);
    }

    /** The balance as of {@code allowance}'s period, with what is left of it. */
    MeterBalance balance(PeriodAllowance allowance) {
        return new MeterBalance(period(allowance), left(allowance), topUpLeft);
    }

    /**
     * The row after taking {@code cost} as of {@code allowance}, from what is left of it first and
     * the top-up after it; empty when the two do not cover the cost (the row stays as it is).
     */
    Optional<StoredBalance> take(long cost, PeriodAllowance allowance) {
        long left = left(allowance);
        if (left < cost && topUpLeft < cost - left) {
            return Optional.empty();
        }
        long fromAllowance = Math.min(cost, left);
        return Optional.of(new StoredBalance(period(allowance), used(allowance) + fromAllowance,
                left - fromAllowance, topUpLeft - (cost - fromAllowance)));
    }

    /**
     * The row after what is left of a lease comes back: its allowance part counts as unused again
     * only while the row is still in the period {@code takenIn} it was taken from (a newer period
     * has nothing used of it anyway), its top-up part always. {@code allowance} is what the lease
     * was taken under, for the {@code allowanceLeft} kept for people reading the table.
     */
    StoredBalance giveBack(long allowancePart, long topUpPart, Instant takenIn, long allowance) {
        if (!periodStart.equals(takenIn) || allowanceUsed == null) {
            return new StoredBalance(periodStart, allowanceUsed, allowanceLeft, topUpLeft + topUpPart);
        }
        long used = Math.max(0, allowanceUsed - allowancePart);
        return new StoredBalance(periodStart, used, Math.max(0, allowance - used), topUpLeft + topUpPart);
    }

    /** The period in force: the row's, unless {@code allowance} names a newer one. */
    private Instant period(PeriodAllowance allowance) {
        return periodStart.isBefore(allowance.periodStart()) ? allowance.periodStart() : periodStart;
    }

    /** What was used of the allowance as of its period: nothing when the row's period is older. */
    private long used(PeriodAllowance allowance) {
        if (periodStart.isBefore(allowance.periodStart())) {
            return 0;
        }
        if (allowanceUsed == null) {
            return Math.max(0, allowance.amount() - allowanceLeft);
        }
        return allowanceUsed;
    }

    private long left(PeriodAllowance allowance) {
        return Math.max(0, allowance.amount() - used(allowance));
    }
}
