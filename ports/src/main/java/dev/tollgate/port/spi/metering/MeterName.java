package dev.tollgate.port.spi.metering;

import java.util.Comparator;
import java.util.Objects;

/**
 * The name of a meter as stores keep it: 1 to {@link #MAX_LENGTH} characters of any kind,
 * compared exactly. (The names an application may configure are narrower; see
 * {@link dev.tollgate.port.settings.Plan#isMeterName}.)
 */
public record MeterName(String value) {

    /** Longest meter name a store must accept. */
    public static final int MAX_LENGTH = 64;

    /**
     * The order in which stores answer meter names: as their UTF-8 bytes compare, which is how
     * databases order text. {@link String#compareTo} differs from it above U+FFFF.
     */
    public static final Comparator<String> ORDER = MeterName::compareCodePoints;

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

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int left = a.codePointAt(i);
            int right = b.codePointAt(j);
            if (left != right) {
                return Integer.compare(left, right);
            }
            i += Character.charCount(left);
            j += Character.charCount(right);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
