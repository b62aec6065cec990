package dev.tollgate.port.settings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plan gives its users: meters with their allowances, named entitlements, a service
 * level carried to callers, and a rate limit per API key.
 *
 * @param meters       meter name (e.g. {@code credits}) to its allowance per period
 * @param entitlements capabilities a verification may require (e.g. {@code bpe})
 * @param rateLimit    requests per window for each of the user's API keys
 */
public record Plan(String name, Map<String, Allowance> meters, Set<String> entitlements, ServiceLevel level,
        RateLimit rateLimit) {

    /** How often an allowance starts afresh. */
    public enum Period { DAILY, MONTHLY }

    /** How much of a meter a period gives. */
    public record Allowance(long amount, Period period) {
        public Allowance {
            Objects.requireNonNull(period, "period");
            if (amount < 0) {
                throw new IllegalArgumentException("an allowance is never negative");
            }
        }
    }

    /** At most {@code requests} per {@code window}. */
    public record RateLimit(int requests, Duration window) {
        public RateLimit {
            Objects.requireNonNull(window, "window");
            if (requests < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a rate limit allows at least 1 request in a positive window");
            }
        }
    }

    private static final Pattern METER_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern ENTITLEMENT_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    /** Whether {@code name} is a meter name: 1-64 lower-case letters, digits and '_', starting with a letter. */
    public static boolean isMeterName(String name) {
        return name != null && METER_NAME.matcher(name).matches();
    }

    /** Whether {@code name} is an entitlement name: 1-64 lower-case letters, digits, '_' and '-', starting with a letter. */
    public static boolean isEntitlementName(String name) {
        return name != null && ENTITLEMENT_NAME.matcher(name).matches();
    }

    public Plan {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("plan names are 1-32 lower-case letters, digits, '_' and '-'");
        }
        meters = Map.copyOf(meters);
        entitlements = Set.copyOf(entitlements);
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(rateLimit, "rateLimit");
        for (String entitlement : entitlements) {
            if (!isEntitlementName(entitlement)) {
                throw new IllegalArgumentException(
                        "entitlement names are 1-64 lower-case letters, digits, '_' and '-': " + entitlement);
            }
        }
        for (String meter : meters.keySet()) {
            if (!isMeterName(meter)) {
                throw new IllegalArgumentException("meter names are 1-64 lower-case letters, digits and '_': " + meter);
            }
        }
    }
}
