package dev.tollgate.port.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The stable name of every expected failure, with the {@link Problem} that carries it and the
 * sentence that problem answers. Codes appear in HTTP problem documents, logs and audit events;
 * they are never renamed, only added. Each code has exactly one problem type and each problem
 * type one code, so a problem's {@link Problem#code()} and {@link Problem#detail()} come from
 * here, the one place that names them.
 */
public enum ErrorCode {
    VALIDATION_FAILED(Problem.InvalidInput.class, "Some fields are invalid."),
    PASSWORD_REJECTED(Problem.PasswordRejected.class, "The password was rejected: %s."),
    USERNAME_TAKEN(Problem.UsernameTaken.class, "This username is taken."),
    EMAIL_TAKEN(Problem.EmailTaken.class, "This email address is in use."),
    INVALID_CREDENTIALS(Problem.InvalidCredentials.class, "The login or password is wrong."),
    ACCOUNT_LOCKED(Problem.AccountLocked.class, "The account is locked after too many failed logins; try again later."),
    ACCOUNT_INACTIVE(Problem.AccountInactive.class, "The account is not active."),
    EMAIL_UNVERIFIED(Problem.EmailUnverified.class, "The email address is not verified yet."),
    EMAIL_ALREADY_VERIFIED(Problem.EmailAlreadyVerified.class, "The email address is already verified."),
    INVALID_TOKEN(Problem.InvalidToken.class, "The token is invalid or expired."),
    REFRESH_TOKEN_REUSED(Problem.RefreshTokenReused.class,
            "The refresh token was already used; the session has been ended."),
    OTP_INVALID(Problem.CodeInvalid.class, "The code is wrong or no longer valid."),
    OTP_EXPIRED(Problem.CodeExpired.class, "The code has expired; request a new one."),
    OTP_ATTEMPTS_EXHAUSTED(Problem.CodeAttemptsExhausted.class, "Too many wrong attempts; request a new code."),
    OTP_NOT_FOUND(Problem.CodeNotFound.class, "No code is pending; request one first."),
    RATE_LIMITED(Problem.RateLimited.class, "Too many requests; try again later."),
    USER_NOT_FOUND(Problem.UserNotFound.class, "No such user."),
    SESSION_NOT_FOUND(Problem.SessionNotFound.class, "No such session."),
    ACCOUNT_STATE_CONFLICT(Problem.AccountStateConflict.class, "The account's status does not allow this change."),
    MAIL_UNDELIVERED(Problem.MailUndelivered.class, "The mail could not be delivered; try again later."),
    KEY_NOT_FOUND(Problem.ApiKeyNotFound.class, "No such API key."),
    KEY_NOT_RECOVERABLE(Problem.ApiKeyNotRecoverable.class,
            "This key cannot be shown again; regenerate it for a new one."),
    KEY_REVOKED(Problem.ApiKeyRevoked.class, "The API key has been revoked."),
    KEY_EXPIRED(Problem.ApiKeyExpired.class, "The API key has expired."),
    USER_INACTIVE(Problem.UserInactive.class, "The account that owns the key is not active."),
    ENTITLEMENT_MISSING(Problem.EntitlementMissing.class, "The plan does not grant '%s'."),
    INSUFFICIENT_CREDITS(Problem.InsufficientCredits.class, "Too little is left of the meter '%s' for this cost."),
    UNKNOWN_METER(Problem.UnknownMeter.class, "No plan has a meter named '%s'."),
    SERVICE_BUSY(Problem.ServiceBusy.class, "The service is busy; try again shortly."),
    PERMISSION_DENIED(Problem.PermissionDenied.class, "You are not allowed to do this."),
    TENANT_NOT_FOUND(Problem.TenantNotFound.class, "No such tenant."),
    TENANT_DISABLED(Problem.TenantDisabled.class, "The tenant is disabled."),
    TENANT_TAKEN(Problem.TenantTaken.class, "A tenant with this id exists."),
    STAFF_NOT_FOUND(Problem.StaffNotFound.class, "This user holds no staff role."),
    ALREADY_STAFF(Problem.AlreadyStaff.class, "This user already holds a staff role."),
    LAST_SUPER_ADMIN(Problem.LastSuperAdmin.class, "The last super admin cannot be removed or demoted."),
    SERVICE_ACCOUNT_NOT_FOUND(Problem.ServiceAccountNotFound.class, "No such service account."),
    SETUP_UNAVAILABLE(Problem.SetupUnavailable.class, "The first super admin exists already; setup is closed."),
    MFA_REQUIRED(Problem.MfaRequired.class, "The password is right; now give a code of your authenticator app."),
    MFA_ENROLMENT_REQUIRED(Problem.MfaEnrolmentRequired.class,
            "This account must use a second factor; enrol an authenticator app to log in."),
    MFA_CODE_INVALID(Problem.MfaCodeInvalid.class, "The code is wrong or was used already."),
    MFA_LOCKED(Problem.MfaLocked.class, "Too many wrong codes; the second step is locked for a while."),
    MFA_ALREADY_ENABLED(Problem.MfaAlreadyEnabled.class, "A second factor is enabled already; disable it first."),
    MFA_NOT_ENABLED(Problem.MfaNotEnabled.class, "No second factor is enabled."),
    MFA_UNAVAILABLE(Problem.MfaUnavailable.class,
            "Second factors need a master key, and this server has none configured."),
    PASSWORD_REUSED(Problem.PasswordReused.class, "This password was used recently; choose another."),
    PASSWORD_EXPIRED(Problem.PasswordExpired.class, "The password has expired; set a new one."),
    KEY_IP_NOT_ALLOWED(Problem.KeyIpNotAllowed.class, "The API key may not be used from this address."),
    IP_BLOCKED(Problem.IpBlocked.class, "Requests from this address are not allowed."),
    IP_RULE_NOT_FOUND(Problem.IpRuleNotFound.class, "No such IP rule.");

    private static final Map<Class<? extends Problem>, ErrorCode> BY_PROBLEM = new HashMap<>();

    static {
        for (ErrorCode code : values()) {
            if (BY_PROBLEM.put(code.problem, code) != null) {
                throw new IllegalStateException(code.problem.getSimpleName() + " carries two codes");
            }
        }
    }

    private final Class<? extends Problem> problem;
    private final String detail;

    ErrorCode(Class<? extends Problem> problem, String detail) {
        this.problem = problem;
        this.detail = detail;
    }

    /** The problem type that carries this code. */
    public Class<? extends Problem> problem() {
        return problem;
    }

    /**
     * The sentence a problem of this code answers, safe to show to the end user. Where it shows
     * the problem's data (the broken password rule, the meter, the entitlement) it holds a
     * {@code %s} that {@link Problem#detail()} fills in.
     */
    public String detail() {
        return detail;
    }

    /** The code of {@code problem}. */
    static ErrorCode of(Problem problem) {
        ErrorCode code = BY_PROBLEM.get(Objects.requireNonNull(problem, "problem").getClass());
        if (code == null) {
            throw new IllegalStateException(problem.getClass().getName() + " has no error code");
        }
        return code;
    }
}
