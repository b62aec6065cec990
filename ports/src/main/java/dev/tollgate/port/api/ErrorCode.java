package dev.tollgate.port.api;

/**
 * The stable name of every expected failure. Codes appear in HTTP problem documents, logs and
 * audit events; they are never renamed, only added.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    PASSWORD_REJECTED,
    USERNAME_TAKEN,
    EMAIL_TAKEN,
    INVALID_CREDENTIALS,
    ACCOUNT_LOCKED,
    ACCOUNT_INACTIVE,
    EMAIL_UNVERIFIED,
    EMAIL_ALREADY_VERIFIED,
    INVALID_TOKEN,
    REFRESH_TOKEN_REUSED,
    OTP_INVALID,
    OTP_EXPIRED,
    OTP_ATTEMPTS_EXHAUSTED,
    OTP_NOT_FOUND,
    RATE_LIMITED,
    USER_NOT_FOUND,
    SESSION_NOT_FOUND,
    ACCOUNT_STATE_CONFLICT,
    MAIL_UNDELIVERED,
    KEY_NOT_FOUND,
    KEY_NOT_RECOVERABLE,
    KEY_REVOKED,
    KEY_EXPIRED,
    USER_INACTIVE,
    ENTITLEMENT_MISSING,
    INSUFFICIENT_CREDITS,
    SERVICE_BUSY
}
