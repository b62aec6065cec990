package dev.tollgate.port.api.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.settings.ServiceLevel;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A user's plan as it applies to them.
 *
 * @param subscribed   whether the user was put on a plan; false: the default plan applies
 * @param level        the level in force: the user's own when set, else the plan's
 * @param entitlements the plan's entitlements with the extra ones
 * @param meters       each meter of the plan as of now, with the user's overrides applied
 * @param updatedAt    when the subscription last changed; null when there is none
 * @param levelOverride the user's own service level replacing the plan's; null: the plan's
 */
public record SubscriptionView(UserRef user, String plan, boolean subscribed, Map<String, Long> allowanceOverrides,
        Integer rateLimitOverride, Set<String> extraEntitlements, ServiceLevel level, Set<String> entitlements,
        Map<String, MeterState> meters, Instant updatedAt, ServiceLevel levelOverride) {

    public SubscriptionView {
        allowanceOverrides = Map.copyOf(allowanceOverrides);
        extraEntitlements = Set.copyOf(extraEntitlements);
        entitlements = Set.copyOf(entitlements);
        meters = Map.copyOf(meters);
    }

    /** A view at the plan's service level. */
    public SubscriptionView(UserRef user, String plan, boolean subscribed, Map<String, Long> allowanceOverrides,
            Integer rateLimitOverride, Set<String> extraEntitlements, ServiceLevel level, Set<String> entitlements,
            Map<String, MeterState> meters, Instant updatedAt) {
        this(user, plan, subscribed, allowanceOverrides, rateLimitOverride, extraEntitlements, level, entitlements,
                meters, updatedAt, null);
    }
}
