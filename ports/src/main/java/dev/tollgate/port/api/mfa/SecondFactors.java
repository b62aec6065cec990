package dev.tollgate.port.api.mfa;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;

/**
 * A user's own second factor: a TOTP authenticator app (RFC 6238) and ten single-use recovery
 * codes. Codes of the app are accepted one 30-second step early or late, and each only once.
 * Wrong codes count toward a lock of the second step ({@code MFA_LOCKED}), apart from the
 * password's lock. Every method may also answer {@code USER_NOT_FOUND}.
 */
public interface SecondFactors {

    /**
     * Starts enrolment after checking the password: a new secret, its {@code otpauth} URI and QR
     * code. The factor guards nothing until {@link #confirm} takes a current code; enrolling again
     * before that replaces the pending secret. Refused with {@code INVALID_CREDENTIALS},
     * {@code MFA_ALREADY_ENABLED} or {@code MFA_UNAVAILABLE} (no master key to seal the secret).
     */
    Outcome<TotpEnrolment> enrol(UserRef user, String password, RequestContext context);

    /**
     * Completes enrolment with a current code of the app, answering ten recovery codes (shown
     * only now). Refused with {@code OTP_INVALID}, {@code MFA_LOCKED}, {@code MFA_NOT_ENABLED}
     * (nothing pending) or {@code MFA_ALREADY_ENABLED}.
     */
    Outcome<RecoveryCodes> confirm(UserRef user, String code, RequestContext context);

    /**
     * Ten new recovery codes for a code of the app; the old ones stop working. Refused with
     * {@code OTP_INVALID}, {@code MFA_LOCKED} or {@code MFA_NOT_ENABLED}.
     */
    Outcome<RecoveryCodes> regenerateRecoveryCodes(UserRef user, String code, RequestContext context);

    /**
     * Turns the second factor off, which needs the password and a code of the app (or a recovery
     * code). Refused with {@code INVALID_CREDENTIALS}, {@code OTP_INVALID}, {@code MFA_LOCKED} or
     * {@code MFA_NOT_ENABLED}.
     */
    Outcome<MfaStatus> disable(UserRef user, String password, String code, RequestContext context);

    /** The user's second factor now. */
    Outcome<MfaStatus> status(UserRef user);
}
