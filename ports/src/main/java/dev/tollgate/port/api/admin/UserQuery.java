package dev.tollgate.port.api.admin;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * Which users of a tenant to list, and in which order. Every filter is optional ({@code null}:
 * any); ranges include their start and exclude their end.
 *
 * @param text          a prefix of the username, the email address or the name, ignoring case
 * @param plan          the plan's name; users without a subscription are on the default plan
 * @param verified      whether the email address is verified
 * @param descending    newest, last or latest first
 */
public record UserQuery(
        TenantId tenant,
        String text,
        AccountStatus status,
        String plan,
        AccountType accountType,
        Boolean verified,
        Instant createdFrom,
        Instant createdTo,
        Instant lastLoginFrom,
        Instant lastLoginTo,
        Sort sort,
        boolean descending) {

    /** The orders a user list can take; each is unique, ties broken by the user id. */
    public enum Sort {
        CREATED,
        USERNAME,
        /** Users who never logged in sort as earlier than every login: first ascending, last descending. */
        LAST_LOGIN
    }

    public UserQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sort, "sort");
    }

    /** Every user of {@code tenant}, newest first. */
    public static UserQuery all(TenantId tenant) {
        return new UserQuery(tenant, null, null, null, null, null, null, null, null, null, Sort.CREATED, true);
    }

    public UserQuery withText(String value) {
        return new UserQuery(tenant, value, status, plan, accountType, verified, createdFrom, createdTo, lastLoginFrom,
                lastLoginTo, sort, descending);
    }

    public UserQuery withStatus(AccountStatus value) {
        return new UserQuery(tenant, text, value, plan, accountType, verified, createdFrom, createdTo, lastLoginFrom,
                lastLoginTo, sort, descending);
    }

    public UserQuery withPlan(String value) {
        return new UserQuery(tenant, text, status, value, accountType, verified, createdFrom, createdTo, lastLoginFrom,
                lastLoginTo, sort, descending);
    }

    public UserQuery sortedBy(Sort value, boolean inDescendingOrder) {
        return new UserQuery(tenant, text, status, plan, accountType, verified, createdFrom, createdTo, lastLoginFrom,
                lastLoginTo, value, inDescendingOrder);
    }
}
