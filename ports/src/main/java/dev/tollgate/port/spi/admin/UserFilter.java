package dev.tollgate.port.spi.admin;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * Which users of one tenant a {@link UserDirectory} answers. Every filter but the tenant is
 * optional ({@code null}: any); ranges include their start and exclude their end.
 *
 * @param textPrefix  lower-case; matches a user whose canonical username, email address or
 *                    lower-cased name starts with it
 * @param plan        the plan's name; a user without a subscription is on {@code defaultPlan}
 * @param defaultPlan the plan of users without a subscription
 * @param lastLoginFrom a user who never logged in matches no last-login range
 */
public record UserFilter(
        TenantId tenant,
        String textPrefix,
        AccountStatus status,
        String plan,
        String defaultPlan,
        AccountType accountType,
        Boolean verified,
        Instant createdFrom,
        Instant createdTo,
        Instant lastLoginFrom,
        Instant lastLoginTo) {

    public UserFilter {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(defaultPlan, "defaultPlan");
    }

    /** Every user of {@code tenant}. */
    public static UserFilter all(TenantId tenant, String defaultPlan) {
        return new UserFilter(tenant, null, null, null, defaultPlan, null, null, null, null, null, null);
    }
}
