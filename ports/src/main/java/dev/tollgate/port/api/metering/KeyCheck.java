package dev.tollgate.port.api.metering;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import java.util.Objects;

/**
 * A service asks: is this API key good, may it do {@code entitlement}, and take {@code cost}
 * units of {@code meter}.
 *
 * @param tenant      the tenant the key is presented to; a key of any other tenant is not found
 * @param meter       the meter to take from, which some configured plan must name ({@code UNKNOWN_METER}
 *                    otherwise); {@link #DEFAULT_METER} when null
 * @param cost        units to take, 0 to 1,000,000; 0 checks the key and answers its meters, taking
 *                    nothing (the key's rate limit still counts the call, and it is not recorded as usage)
 * @param entitlement a capability the plan must grant, or null for none
 */
public record KeyCheck(TenantId tenant, String key, String meter, long cost, String entitlement,
        RequestContext context) {

    public static final String DEFAULT_METER = "credits";
    public static final long MAX_COST = 1_000_000;

    public KeyCheck {
        Objects.requireNonNull(tenant, "tenant");
        meter = meter == null ? DEFAULT_METER : meter;
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
    }

    /** One unit of {@code credits} of a key presented to {@code tenant}, no entitlement required. */
    public static KeyCheck of(TenantId tenant, String key) {
        return new KeyCheck(tenant, key, DEFAULT_METER, 1, null, RequestContext.NONE);
    }

    public KeyCheck withMeter(String name, long units) {
        return new KeyCheck(tenant, key, name, units, entitlement, context);
    }

    public KeyCheck requiring(String capability) {
        return new KeyCheck(tenant, key, meter, cost, capability, context);
    }

    @Override
    public String toString() {
        return "KeyCheck[tenant=" + tenant + ", key=***, meter=" + meter + ", cost=" + cost + ", entitlement=" + entitlement + "]";
    }
}
