package dev.tollgate.port.spi.limit;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link WindowCounters#tryAcquire} did.
 *
 * @param granted  whether the call was within the limit and counted
 * @param count    the count in the current window after this call
 * @param resetsAt when the current window ends
 */
public record Acquisition(boolean granted, int count, Instant resetsAt) {
    public Acquisition {
        Objects.requireNonNull(resetsAt, "resetsAt");
    }
}
