package dev.tollgate.port.spi.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's balance of one meter in one period.
 *
 * @param periodStart   the start of the period the allowance belongs to
 * @param allowanceLeft what is left of the allowance in force: the allowance less what was used this
 *                      period, never below zero (nothing is used at the start of a period)
 * @param topUpLeft     what is left of bought or granted extra units (never resets)
 */
public record MeterBalance(Instant periodStart, long allowanceLeft, long topUpLeft) {

    public MeterBalance {
        Objects.requireNonNull(periodStart, "periodStart");
        if (allowanceLeft < 0 || topUpLeft < 0) {
            throw new IllegalArgumentException("balances are never negative");
        }
    }

    /** Everything that can still be spent. */
    public long total() {
        return allowanceLeft + topUpLeft;
    }
}
