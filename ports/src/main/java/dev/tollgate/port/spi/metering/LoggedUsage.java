package dev.tollgate.port.spi.metering;

import java.util.Objects;

/**
 * A usage event as the log keeps it, with the id the store gave it.
 *
 * @param id    unique within the store; of one append, a later event has a higher id
 * @param event the event as it was appended (its time as precise as the store keeps times)
 */
public record LoggedUsage(long id, UsageEvent event) {

    public LoggedUsage {
        Objects.requireNonNull(event, "event");
    }

    /** Where a page ending with this event ended. */
    public UsagePosition position() {
        return new UsagePosition(event.at(), id);
    }
}
