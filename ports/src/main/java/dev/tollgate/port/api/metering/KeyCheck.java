package dev.tollgate.port.api.metering;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UsageContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * @param requestId   the service's id of the call, kept with its usage event; null for none
 * @param tags        up to 8 short tags kept with the usage event (empty when null); the rules of
 *                    both are {@link UsageContext}'s, and a check breaking one is refused with
 *                    {@code VALIDATION_FAILED} naming the field ({@code request_id}, {@code tags},
 *                    {@code tags.<name>})
 */
public record KeyCheck(TenantId tenant, String key, String meter, long cost, String entitlement,
        RequestContext context, String requestId, Map<String, String> tags) {

    public static final String DEFAULT_METER = "credits";
    public static final long MAX_COST = 1_000_000;

    public KeyCheck {
        Objects.requireNonNull(tenant, "tenant");
        meter = meter == null ? DEFAULT_METER : meter;
        context = Objects.requireNonNullElse(context, RequestContext.NONE);
        // copied as given (nulls included), so the use case can refuse what breaks the rules by name
        tags = tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A check without request id or tags. */
    public KeyCheck(TenantId tenant, String key, String meter, long cost, String entitlement, RequestContext context) {
        this(tenant, key, meter, cost, entitlement, context, null, Map.of());
    }

    /** One unit of {@code credits} of a key presented to {@code tenant}, no entitlement required. */
    public static KeyCheck of(TenantId tenant, String key) {
        return new KeyCheck(tenant, key, DEFAULT_METER, 1, null, RequestContext.NONE);
    }

    public KeyCheck withMeter(String name, long units) {
        return new KeyCheck(tenant, key, name, units, entitlement, context, requestId, tags);
    }

    public KeyCheck requiring(String capability) {
        return new KeyCheck(tenant, key, meter, cost, capability, context, requestId, tags);
    }

    /** This check, kept in the usage log under the service's {@code id} of the call. */
    public KeyCheck withRequestId(String id) {
        return new KeyCheck(tenant, key, meter, cost, entitlement, context, id, tags);
    }

    /** This check, its usage event tagged with {@code labels} (replacing any tags it had). */
    public KeyCheck withTags(Map<String, String> labels) {
        return new KeyCheck(tenant, key, meter, cost, entitlement, context, requestId, labels);
    }

    @Override
    public String toString() {
        return "KeyCheck[tenant=" + tenant + ", key=***, meter=" + meter + ", cost=" + cost + ", entitlement="
                + entitlement + ", requestId=" + requestId + ", tags=" + tags.keySet() + "]";
    }
}
