package dev.tollgate.port.api.key;

import dev.tollgate.port.RequestContext;
import java.util.Objects;

/**
 * A service asks: is this API key good, may it do {@code entitlement}, and take {@code cost}
 * units of {@code meter}.
 *
 * @param meter       the meter to take from, which some configured plan must name ({@code UNKNOWN_METER}
 *                    otherwise); {@link #DEFAULT_METER} when null
 * @param cost        units to take, 0 to 1,000,000; 0 checks the key and answers its meters, taking
 *                    nothing (the key's rate limit still counts the call, and it is not recorded as usage)
 * @param entitlement a capability the plan must grant, or null for none
 */
public record KeyCheck(String key, String meter, long cost, String entitlement, RequestContext context) {

    public static final String DEFAULT_METER = "credits";
    public static final long MAX_COST = 1_000_000;

    public KeyCheck {
        meter = meter == null ? DEFAULT_METER : meter;
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    /** One unit of {@code credits}, no entitlement required. */
    public static KeyCheck of(String key) {
        return new KeyCheck(key, DEFAULT_METER, 1, null, RequestContext.NONE);
    }

    public KeyCheck withMeter(String name, long units) {
        return new KeyCheck(key, name, units, entitlement, context);
    }

    public KeyCheck requiring(String capability) {
        return new KeyCheck(key, meter, cost, capability, context);
    }

    @Override
    public String toString() {
        return "KeyCheck[key=***, meter=" + meter + ", cost=" + cost + ", entitlement=" + entitlement + "]";
    }
}
