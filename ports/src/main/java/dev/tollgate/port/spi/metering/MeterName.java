package dev.tollgate.port.spi.metering;

import java.util.Objects;

/**
 * The name of a meter as stores keep it: 1 to {@link #MAX_LENGTH} characters of any kind,
 * compared exactly. (The names an application may configure are narrower; see
 * {@link dev.tollgate.port.settings.Plan#isMeterName}.)
 */
public record MeterName(String value) {

    /** Longest meter name a store must accept. */
    public static final int MAX_LENGTH = 64;

    public MeterName {
        Objects.requireNonNull(value, "meter");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("meter names are 1 to " + MAX_LENGTH + " characters");
        }
    }

    public static MeterName of(String value) {
        return new MeterName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
