package dev.tollgate.port.settings;

import java.time.Duration;

/**
 * How many password hashes may run at once, so a flood of logins cannot exhaust memory
 * (Argon2id takes 19 MiB per hash). Calls beyond the limit wait up to {@code maxWait}, then
 * are refused with {@code SERVICE_BUSY}.
 *
 * @param maxConcurrent default: the number of available processors
 * @param maxWait       default: 5 seconds
 */
public record HashingSettings(int maxConcurrent, Duration maxWait) {

    public static final HashingSettings DEFAULTS =
            new HashingSettings(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(5));

    public HashingSettings {
        Checks.between(maxConcurrent, 1, 1024, "hashing maxConcurrent");
        Checks.positive(maxWait, "hashing maxWait");
    }

    public HashingSettings withMaxConcurrent(int value) {
        return new HashingSettings(value, maxWait);
    }

    public HashingSettings withMaxWait(Duration value) {
        return new HashingSettings(maxConcurrent, value);
    }
}
