package dev.tollgate.port.spi.metering;

import java.util.Objects;

/**
 * What {@link MeterLedger#consume} did.
 *
 * @param granted whether the cost was taken
 * @param balance the balance after the call (unchanged when not granted)
 */
public record Consumption(boolean granted, MeterBalance balance) {
    public Consumption {
        Objects.requireNonNull(balance, "balance");
    }
}
