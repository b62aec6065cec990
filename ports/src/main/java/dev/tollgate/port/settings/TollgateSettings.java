package dev.tollgate.port.settings;

import java.util.Objects;

/**
 * Every rule Tollgate enforces, with its default. Immutable; {@link #defaults()} and the
 * {@code with...} methods build the settings an application wants.
 *
 * @param allowUnverifiedLogin whether a user whose email is not verified may log in; default true
 * @param staff                staff roles and staff session lifetimes
 * @param security             second factors, password history and expiry, new-device notices, IP rules
 */
public record TollgateSettings(
        PasswordPolicySettings passwordPolicy,
        LockoutSettings lockout,
        SessionSettings sessions,
        CodeSettings codes,
        HashingSettings hashing,
        ApiKeySettings apiKeys,
        PlanSettings plans,
        ThrottleSettings throttles,
        UsageSettings usage,
        boolean allowUnverifiedLogin,
        StaffSettings staff,
        SecuritySettings security) {

    public TollgateSettings {
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
        Objects.requireNonNull(lockout, "lockout");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(codes, "codes");
        Objects.requireNonNull(hashing, "hashing");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(plans, "plans");
        Objects.requireNonNull(throttles, "throttles");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(security, "security");
    }

    /** Settings with the default account and network security. */
    public TollgateSettings(PasswordPolicySettings passwordPolicy, LockoutSettings lockout, SessionSettings sessions,
            CodeSettings codes, HashingSettings hashing, ApiKeySettings apiKeys, PlanSettings plans,
            ThrottleSettings throttles, UsageSettings usage, boolean allowUnverifiedLogin, StaffSettings staff) {
        this(passwordPolicy, lockout, sessions, codes, hashing, apiKeys, plans, throttles, usage, allowUnverifiedLogin,
                staff, SecuritySettings.DEFAULTS);
    }

    /** Settings with the default staff roles and sessions. */
    public TollgateSettings(PasswordPolicySettings passwordPolicy, LockoutSettings lockout, SessionSettings sessions,
            CodeSettings codes, HashingSettings hashing, ApiKeySettings apiKeys, PlanSettings plans,
            ThrottleSettings throttles, UsageSettings usage, boolean allowUnverifiedLogin) {
        this(passwordPolicy, lockout, sessions, codes, hashing, apiKeys, plans, throttles, usage, allowUnverifiedLogin,
                StaffSettings.DEFAULTS);
    }

    public static TollgateSettings defaults() {
        return new TollgateSettings(PasswordPolicySettings.DEFAULTS, LockoutSettings.DEFAULTS, SessionSettings.DEFAULTS,
                CodeSettings.DEFAULTS, HashingSettings.DEFAULTS, ApiKeySettings.DEFAULTS, PlanSettings.DEFAULTS,
                ThrottleSettings.DEFAULTS, UsageSettings.DEFAULTS, true);
    }

    public TollgateSettings withPasswordPolicy(PasswordPolicySettings value) {
        return new TollgateSettings(value, lockout, sessions, codes, hashing, apiKeys,
                plans, throttles, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withLockout(LockoutSettings value) {
        return new TollgateSettings(passwordPolicy, value, sessions, codes, hashing, apiKeys,
                plans, throttles, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withSessions(SessionSettings value) {
        return new TollgateSettings(passwordPolicy, lockout, value, codes, hashing, apiKeys,
                plans, throttles, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withCodes(CodeSettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, value, hashing, apiKeys,
                plans, throttles, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withHashing(HashingSettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, value, apiKeys,
                plans, throttles, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withApiKeys(ApiKeySettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, hashing, value,
                plans, throttles, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withPlans(PlanSettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, hashing, apiKeys,
                value, throttles, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withThrottles(ThrottleSettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, hashing, apiKeys,
                plans, value, usage, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withUsage(UsageSettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, hashing, apiKeys,
                plans, throttles, value, allowUnverifiedLogin, staff, security);
    }

    public TollgateSettings withAllowUnverifiedLogin(boolean value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, hashing, apiKeys,
                plans, throttles, usage, value, staff, security);
    }

    public TollgateSettings withStaff(StaffSettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, hashing, apiKeys,
                plans, throttles, usage, allowUnverifiedLogin, value, security);
    }

    public TollgateSettings withSecurity(SecuritySettings value) {
        return new TollgateSettings(passwordPolicy, lockout, sessions, codes, hashing, apiKeys,
                plans, throttles, usage, allowUnverifiedLogin, staff, value);
    }
}
