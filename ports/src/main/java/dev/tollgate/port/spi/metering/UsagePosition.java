package dev.tollgate.port.spi.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of a user's usage events ended: the last event's time, as the store keeps it, and
 * its id. The next page starts strictly after it, newest first: earlier times, and of the same
 * time lower ids.
 *
 * @param at the event's {@link UsageEvent#at()} as read back from the store
 * @param id the store's id of the event, unique within the store
 */
public record UsagePosition(Instant at, long id) {

    public UsagePosition {
        Objects.requireNonNull(at, "at");
    }
}
