package dev.tollgate.port.settings;

import java.time.Duration;

/**
 * Recording verify-and-consume calls. Each call of a known key becomes a usage event, queued in
 * memory and written in batches by one background thread, so the call itself does not wait for
 * the store. A full queue (the store slower than the calls, or down) drops the event and counts
 * it, at once by default, or after the call has waited up to {@code fullQueueWait} for room; a
 * stop writes what is queued.
 *
 * @param queueCapacity events held at most while waiting to be written; default 100,000
 * @param batchSize     events written at most in one transaction; default 500
 * @param flushInterval the longest an event waits to be written; default 1 second
 * @param retention     how long raw events are kept (daily aggregates are kept); default 90 days
 * @param fullQueueWait how long a call waits for room in a full queue before its event is
 *                      dropped: zero (the default) drops at once and keeps the call's latency
 *                      whatever the store does; a positive wait (at most a minute) slows the
 *                      calls down to what the store writes instead of losing their events, as
 *                      long as the store keeps writing
 */
public record UsageSettings(int queueCapacity, int batchSize, Duration flushInterval, Duration retention,
        Duration fullQueueWait) {

    /** The longest {@code fullQueueWait}. */
    public static final Duration LONGEST_FULL_QUEUE_WAIT = Duration.ofMinutes(1);

    public static final UsageSettings DEFAULTS =
            new UsageSettings(100_000, 500, Duration.ofSeconds(1), Duration.ofDays(90), Duration.ZERO);

    public UsageSettings {
        Checks.between(queueCapacity, 1, 10_000_000, "usage queueCapacity");
        Checks.between(batchSize, 1, 10_000, "usage batchSize");
        Checks.positive(flushInterval, "usage flushInterval");
        Checks.positive(retention, "usage retention");
        Checks.between(fullQueueWait, Duration.ZERO, LONGEST_FULL_QUEUE_WAIT, "usage fullQueueWait");
    }

    public UsageSettings withQueueCapacity(int value) {
        return new UsageSettings(value, batchSize, flushInterval, retention, fullQueueWait);
    }

    public UsageSettings withBatchSize(int value) {
        return new UsageSettings(queueCapacity, value, flushInterval, retention, fullQueueWait);
    }

    public UsageSettings withFlushInterval(Duration value) {
        return new UsageSettings(queueCapacity, batchSize, value, retention, fullQueueWait);
    }

    public UsageSettings withRetention(Duration value) {
        return new UsageSettings(queueCapacity, batchSize, flushInterval, value, fullQueueWait);
    }

    public UsageSettings withFullQueueWait(Duration value) {
        return new UsageSettings(queueCapacity, batchSize, flushInterval, retention, value);
    }
}
