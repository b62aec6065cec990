package dev.tollgate.tck.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something another thread or process brings about: polls until it holds, for at
 * most a generous time that a loaded machine never needs, ending as soon as it holds.
 */
public final class Eventually {

    /** Far longer than any delivery takes on a busy machine; only a broken adapter waits it out. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** Whether {@code condition} held within {@link #PATIENCE}. */
    public static boolean holds(BooleanSupplier condition) {
        return holdsWithin(PATIENCE, condition);
    }

    /** Whether {@code condition} held within {@code patience}. */
    public static boolean holdsWithin(Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
