package dev.tollgate.port.settings;

import dev.tollgate.port.TenantId;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Second factors (TOTP, RFC 6238) and when they are required.
 *
 * @param issuer            the name authenticator apps show for the account (the {@code otpauth} URI's
 *                          issuer); default {@code Tollgate}
 * @param maxFailures       wrong codes in a row that lock the second step (a lock of its own, apart from
 *                          the password's); default 5
 * @param lockDuration      how long that lock lasts; default 15 minutes
 * @param challengeLifetime how long the challenge of a login's second step (and the token that
 *                          changes an expired password) lasts; default 5 minutes
 * @param requiredRoles     staff roles whose holders must use a second factor: a login without one
 *                          enrolled must enrol before it gets a session; default none
 * @param requiredTenants   tenants whose every user must use a second factor; default none
 */
public record MfaSettings(String issuer, int maxFailures, Duration lockDuration, Duration challengeLifetime,
        Set<String> requiredRoles, Set<TenantId> requiredTenants) {

    public static final MfaSettings DEFAULTS = new MfaSettings("Tollgate", 5, Duration.ofMinutes(15),
            Duration.ofMinutes(5), Set.of(), Set.of());

    public MfaSettings {
        Objects.requireNonNull(issuer, "mfa issuer");
        if (issuer.isBlank() || issuer.length() > 64 || issuer.contains(":")) {
            throw new IllegalArgumentException("mfa issuer must be 1-64 characters without ':'");
        }
        Checks.between(maxFailures, 1, 100, "mfa maxFailures");
        Checks.between(lockDuration, Duration.ofSeconds(1), Duration.ofDays(1), "mfa lockDuration");
        Checks.between(challengeLifetime, Duration.ofSeconds(30), Duration.ofMinutes(30), "mfa challengeLifetime");
        requiredRoles = Set.copyOf(requiredRoles);
        requiredTenants = Set.copyOf(requiredTenants);
    }

    public MfaSettings withIssuer(String value) {
        return new MfaSettings(value, maxFailures, lockDuration, challengeLifetime, requiredRoles, requiredTenants);
    }

    public MfaSettings withMaxFailures(int value) {
        return new MfaSettings(issuer, value, lockDuration, challengeLifetime, requiredRoles, requiredTenants);
    }

    public MfaSettings withLockDuration(Duration value) {
        return new MfaSettings(issuer, maxFailures, value, challengeLifetime, requiredRoles, requiredTenants);
    }

    public MfaSettings withChallengeLifetime(Duration value) {
        return new MfaSettings(issuer, maxFailures, lockDuration, value, requiredRoles, requiredTenants);
    }

    public MfaSettings withRequiredRoles(Set<String> value) {
        return new MfaSettings(issuer, maxFailures, lockDuration, challengeLifetime, value, requiredTenants);
    }

    public MfaSettings withRequiredTenants(Set<TenantId> value) {
        return new MfaSettings(issuer, maxFailures, lockDuration, challengeLifetime, requiredRoles, value);
    }
}
