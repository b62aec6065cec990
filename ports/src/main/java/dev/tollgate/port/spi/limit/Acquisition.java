package dev.tollgate.port.spi.limit;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link WindowCounters#tryAcquire} did.
 *
 * @param count    the count in the current window after this call (at least 1)
 * @param resetsAt when the current window ends
 */
public record Acquisition(Kind kind, int count, Instant resetsAt) {

    public enum Kind {
        /** The call was within the limit and is counted. */
        GRANTED,
        /** The window's limit was reached; nothing was counted. */
        REFUSED
    }

    public Acquisition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resetsAt, "resetsAt");
        if (count < 1) {
            throw new IllegalArgumentException("an open window counts at least 1 call, was " + count);
        }
    }

    public static Acquisition granted(int count, Instant resetsAt) {
        return new Acquisition(Kind.GRANTED, count, resetsAt);
    }

    public static Acquisition refused(int count, Instant resetsAt) {
        return new Acquisition(Kind.REFUSED, count, resetsAt);
    }

    /** Whether the call was within the limit and counted. */
    public boolean isGranted() {
        return kind == Kind.GRANTED;
    }
}
