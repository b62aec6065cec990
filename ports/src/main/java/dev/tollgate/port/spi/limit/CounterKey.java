package dev.tollgate.port.spi.limit;

import java.util.Objects;

/**
 * The name of one window counter: 1 to {@link #MAX_LENGTH} characters, compared in full. Keys
 * are the caller's own; a caller whose counters belong to a tenant names the tenant in the key.
 */
public record CounterKey(String value) {

    /** Longest key a store must accept. */
    public static final int MAX_LENGTH = 200;

    public CounterKey {
        Objects.requireNonNull(value, "counter key");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("counter keys are 1 to " + MAX_LENGTH + " characters, was "
                    + value.length());
        }
    }

    public static CounterKey of(String value) {
        return new CounterKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
