package dev.tollgate.port.api.admin;

import dev.tollgate.port.api.profile.ProfileUpdate;
import dev.tollgate.port.settings.ServiceLevel;
import java.util.Map;
import java.util.Set;

/**
 * What staff change of a user in one call; a {@code null} component leaves that part as it is.
 * Each part needs its permission: contact and profile and notes {@code users.update_contact};
 * plan, level and entitlements {@code users.update_plan}; allowances and rate limit
 * {@code users.update_limits}. A call lacking any of them changes nothing.
 *
 * @param email        the new address, taken as verified by staff (no code is mailed)
 * @param profile      a partial profile change
 * @param plan         the plan's name
 * @param level        the user's own service level, replacing the plan's
 * @param allowances   meter name to a per-period allowance replacing the plan's
 * @param rateLimit    requests per rate window replacing the plan's
 * @param entitlements entitlements granted beyond the plan's (replacing earlier extra ones)
 * @param notes        the staff notes; an empty text clears them
 */
public record UserChange(String email, ProfileUpdate profile, String plan, ServiceLevel level,
        Map<String, Long> allowances, Integer rateLimit, Set<String> entitlements, String notes) {

    public UserChange {
        allowances = allowances == null ? null : Map.copyOf(allowances);
        entitlements = entitlements == null ? null : Set.copyOf(entitlements);
    }

    public static UserChange none() {
        return new UserChange(null, null, null, null, null, null, null, null);
    }

    public UserChange withEmail(String value) {
        return new UserChange(value, profile, plan, level, allowances, rateLimit, entitlements, notes);
    }

    public UserChange withProfile(ProfileUpdate value) {
        return new UserChange(email, value, plan, level, allowances, rateLimit, entitlements, notes);
    }

    public UserChange withPlan(String value) {
        return new UserChange(email, profile, value, level, allowances, rateLimit, entitlements, notes);
    }

    public UserChange withLevel(ServiceLevel value) {
        return new UserChange(email, profile, plan, value, allowances, rateLimit, entitlements, notes);
    }

    public UserChange withAllowances(Map<String, Long> value) {
        return new UserChange(email, profile, plan, level, value, rateLimit, entitlements, notes);
    }

    public UserChange withRateLimit(Integer value) {
        return new UserChange(email, profile, plan, level, allowances, value, entitlements, notes);
    }

    public UserChange withEntitlements(Set<String> value) {
        return new UserChange(email, profile, plan, level, allowances, rateLimit, value, notes);
    }

    public UserChange withNotes(String value) {
        return new UserChange(email, profile, plan, level, allowances, rateLimit, entitlements, value);
    }
}
