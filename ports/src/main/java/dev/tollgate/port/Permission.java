package dev.tollgate.port;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a staff member or a service account may do. Roles and service accounts are sets of these;
 * the core checks them on every administrative use case. Each has a stable dotted name used in
 * roles files, settings, the OpenAPI document and audit events; new ones are added, none renamed.
 */
public enum Permission {
    /** Read a user's details, sessions, usage and audit events. */
    USERS_READ("users.read"),
    /** Change a user's email address, name and profile, and the staff notes on them. */
    USERS_UPDATE_CONTACT("users.update_contact"),
    /** Mail a user a password-reset code. */
    USERS_RESET_PASSWORD("users.reset_password"),
    /** Change a user's plan, service level and entitlements. */
    USERS_UPDATE_PLAN("users.update_plan"),
    /** Change a user's meter allowances and rate limit. */
    USERS_UPDATE_LIMITS("users.update_limits"),
    /** Grant or deduct credits (up to the role's per-action cap). */
    USERS_CREDITS("users.credits"),
    /** Suspend, deactivate and reactivate accounts. */
    USERS_SUSPEND("users.suspend"),
    /** Lift a lockout after failed logins. */
    USERS_UNLOCK("users.unlock"),
    /** Delete (archive) an account. */
    USERS_DELETE("users.delete"),
    /** End a user's sessions. */
    USERS_SESSIONS("users.sessions"),
    /** Search the audit log. */
    AUDIT_READ("audit.read"),
    /** Read the statistics. */
    STATS_READ("stats.read"),
    /** Grant, change and revoke staff roles that do not themselves manage staff. */
    STAFF_MANAGE("staff.manage"),
    /** Grant, change and revoke roles that manage staff. */
    ADMINS_MANAGE("admins.manage"),
    /** Create, rename, disable and enable tenants. */
    TENANTS_MANAGE("tenants.manage"),
    /** Create, list and revoke service accounts. */
    SERVICE_ACCOUNTS_MANAGE("service_accounts.manage"),
    /** Verify and meter API keys ({@code POST /v1/keys/verify}): what a paying service calls. */
    KEYS_VERIFY("keys.verify"),
    /** Change plans and top up credits as a billing system ({@code /v1/billing}). */
    BILLING_WRITE("billing.write"),
    /** Remove a user's second factor, so they can enrol again (a lost phone). */
    USERS_RESET_MFA("users.reset_mfa"),
    /** Create, list and lift IP rules, automatic blocks included. */
    NETWORK_MANAGE("network.manage");

    private final String id;

    Permission(String id) {
        this.id = id;
    }

    /** The stable dotted name, such as {@code users.read}. */
    public String id() {
        return id;
    }

    /** The permission named {@code id}, if there is one. */
    public static Optional<Permission> named(String id) {
        Objects.requireNonNull(id, "id");
        return Arrays.stream(values()).filter(permission -> permission.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
