package dev.tollgate.port.spi.metering;

import dev.tollgate.port.spi.limit.Acquisition;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MeterLedger#consumeCounted} did: the call's count in its window and, only when
 * that count was granted, the consumption.
 *
 * @param acquisition the rate-limit count of the call
 * @param consumption the take from the meter; empty when the count was refused (nothing taken)
 */
public record CountedConsumption(Acquisition acquisition, Optional<Consumption> consumption) {

    public CountedConsumption {
        Objects.requireNonNull(acquisition, "acquisition");
        Objects.requireNonNull(consumption, "consumption");
        if (acquisition.isGranted() == consumption.isEmpty()) {
            throw new IllegalArgumentException("a consumption is there exactly when the count was granted");
        }
    }

    /** The count was refused: nothing was taken. */
    public static CountedConsumption limited(Acquisition refused) {
        return new CountedConsumption(refused, Optional.empty());
    }

    /** The count was granted and the meter was asked for the cost. */
    public static CountedConsumption counted(Acquisition granted, Consumption consumption) {
        return new CountedConsumption(granted, Optional.of(consumption));
    }
}
