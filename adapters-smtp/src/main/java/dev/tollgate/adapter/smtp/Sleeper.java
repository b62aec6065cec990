package dev.tollgate.adapter.smtp;

import java.time.Duration;

/**
 * Waits between delivery attempts. The default waits on the calling thread; tests pass one
 * that records the waits instead.
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration}, or less when the thread is interrupted. */
    void sleep(Duration duration) throws InterruptedException;

    /** A sleeper that blocks the calling thread. */
    static Sleeper onCallingThread() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
