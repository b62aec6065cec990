package dev.tollgate.port.spi.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.settings.ServiceLevel;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plan a user is on, with what is changed for this user alone.
 *
 * @param plan               the plan's name, as configured
 * @param allowanceOverrides meter name to a per-period allowance replacing the plan's
 * @param rateLimitOverride  requests per rate window replacing the plan's; null: the plan's
 * @param extraEntitlements  entitlements granted beyond the plan's
 * @param levelOverride      the user's own service level replacing the plan's; null: the plan's
 */
public record Subscription(
        UserRef user,
        String plan,
        Map<String, Long> allowanceOverrides,
        Integer rateLimitOverride,
        Set<String> extraEntitlements,
        Instant updatedAt,
        ServiceLevel levelOverride) {

    public Subscription {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(plan, "plan");
        allowanceOverrides = Map.copyOf(Objects.requireNonNullElse(allowanceOverrides, Map.of()));
        extraEntitlements = Set.copyOf(Objects.requireNonNullElse(extraEntitlements, Set.of()));
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (allowanceOverrides.values().stream().anyMatch(amount -> amount < 0)) {
            throw new IllegalArgumentException("allowances are never negative");
        }
        if (rateLimitOverride != null && rateLimitOverride < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request");
        }
    }

    /** A subscription at the plan's service level. */
    public Subscription(UserRef user, String plan, Map<String, Long> allowanceOverrides, Integer rateLimitOverride,
            Set<String> extraEntitlements, Instant updatedAt) {
        this(user, plan, allowanceOverrides, rateLimitOverride, extraEntitlements, updatedAt, null);
    }
}
