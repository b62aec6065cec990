package dev.tollgate.port.spi.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * The allowance in force for a meter, as the allowance policy decided it for one moment: how
 * much the period that began at {@code periodStart} allows. A ledger compares
 * {@code periodStart} with the period it holds use of: use of an older period counts as nothing
 * used (the lazy reset), and what is left is {@code max(0, amount - usedThisPeriod)}.
 *
 * @param periodStart the start of the period in force
 * @param amount      what the period allows, never negative (0: only top-ups can pay)
 */
public record PeriodAllowance(Instant periodStart, long amount) {

    public PeriodAllowance {
        Objects.requireNonNull(periodStart, "periodStart");
        if (amount < 0) {
            throw new IllegalArgumentException("allowance must not be negative");
        }
    }

    public static PeriodAllowance of(Instant periodStart, long amount) {
        return new PeriodAllowance(periodStart, amount);
    }

    /** A balance with nothing used of this allowance and no top-up: a meter never used. */
    public MeterBalance unused() {
        return new MeterBalance(periodStart, amount, 0);
    }
}
