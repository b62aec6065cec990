package dev.tollgate.port.settings;

import java.time.Duration;

/**
 * Recording verify-and-consume calls. Each call of a known key becomes a usage event, queued in
 * memory and written in batches by one background thread, so the call itself never waits for
 * it. A full queue drops the event and counts it; a stop writes what is queued.
 *
 * @param queueCapacity events held at most while waiting to be written; default 100,000
 * @param batchSize     events written at most in one transaction; default 500
 * @param flushInterval the longest an event waits to be written; default 1 second
 * @param retention     how long raw events are kept (daily aggregates are kept); default 90 days
 */
public record UsageSettings(int queueCapacity, int batchSize, Duration flushInterval, Duration retention) {

    public static final UsageSettings DEFAULTS =
            new UsageSettings(100_000, 500, Duration.ofSeconds(1), Duration.ofDays(90));

    public UsageSettings {
        Checks.between(queueCapacity, 1, 10_000_000, "usage queueCapacity");
        Checks.between(batchSize, 1, 10_000, "usage batchSize");
        Checks.positive(flushInterval, "usage flushInterval");
        Checks.positive(retention, "usage retention");
    }

    public UsageSettings withQueueCapacity(int value) {
        return new UsageSettings(value, batchSize, flushInterval, retention);
    }

    public UsageSettings withBatchSize(int value) {
        return new UsageSettings(queueCapacity, value, flushInterval, retention);
    }

    public UsageSettings withFlushInterval(Duration value) {
        return new UsageSettings(queueCapacity, batchSize, value, retention);
    }

    public UsageSettings withRetention(Duration value) {
        return new UsageSettings(queueCapacity, batchSize, flushInterval, value);
    }
}
