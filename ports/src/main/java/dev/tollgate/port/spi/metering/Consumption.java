package dev.tollgate.port.spi.metering;

import java.util.Objects;

/**
 * What {@link MeterLedger#consume} did.
 *
 * @param balance the balance after the call (unchanged when {@code INSUFFICIENT})
 */
public record Consumption(Kind kind, MeterBalance balance) {

    public enum Kind {
        /** The cost was taken: from what was left of the allowance first, the top-up after it. */
        TAKEN,
        /** Allowance and top-up together did not cover the cost; nothing was taken. */
        INSUFFICIENT
    }

    public Consumption {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(balance, "balance");
    }

    public static Consumption taken(MeterBalance balance) {
        return new Consumption(Kind.TAKEN, balance);
    }

    public static Consumption insufficient(MeterBalance balance) {
        return new Consumption(Kind.INSUFFICIENT, balance);
    }

    /** Whether the cost was taken. */
    public boolean isTaken() {
        return kind == Kind.TAKEN;
    }
}
