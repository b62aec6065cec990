package dev.tollgate.port.spi.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code limit} calls in a fixed window of {@code window}, opened by the first call.
 *
 * @param limit  calls granted at most per window, at least 1
 * @param window how long a window lasts, positive
 */
public record WindowLimit(int limit, Duration window) {

    public WindowLimit {
        Objects.requireNonNull(window, "window");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    public static WindowLimit of(int limit, Duration window) {
        return new WindowLimit(limit, window);
    }
}
