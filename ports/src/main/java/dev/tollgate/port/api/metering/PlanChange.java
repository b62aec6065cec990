package dev.tollgate.port.api.metering;

import dev.tollgate.port.settings.ServiceLevel;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A user's new plan, with what changes for them alone.
 *
 * @param allowanceOverrides meter name to a per-period allowance replacing the plan's
 * @param rateLimitOverride  requests per rate window replacing the plan's; null: the plan's
 * @param extraEntitlements  entitlements granted beyond the plan's
 * @param levelOverride      the user's own service level replacing the plan's; null: the plan's
 */
public record PlanChange(String plan, Map<String, Long> allowanceOverrides, Integer rateLimitOverride,
        Set<String> extraEntitlements, ServiceLevel levelOverride) {

    public PlanChange {
        allowanceOverrides = Map.copyOf(Objects.requireNonNullElse(allowanceOverrides, Map.of()));
        extraEntitlements = Set.copyOf(Objects.requireNonNullElse(extraEntitlements, Set.of()));
    }

    /** A change at the plan's service level. */
    public PlanChange(String plan, Map<String, Long> allowanceOverrides, Integer rateLimitOverride,
            Set<String> extraEntitlements) {
        this(plan, allowanceOverrides, rateLimitOverride, extraEntitlements, null);
    }

    /** The plan as configured, nothing overridden. */
    public static PlanChange to(String plan) {
        return new PlanChange(plan, Map.of(), null, Set.of(), null);
    }
}
