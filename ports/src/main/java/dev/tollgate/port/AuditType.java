package dev.tollgate.port;

/** What happened. New types are added at the end; none is renamed. */
public enum AuditType {
    USER_REGISTERED,
    VERIFICATION_CODE_SENT,
    EMAIL_VERIFIED,
    LOGIN,
    ACCOUNT_LOCKED,
    SESSION_REFRESHED,
    REFRESH_TOKEN_REUSED,
    LOGOUT,
    LOGOUT_EVERYWHERE,
    SESSION_REVOKED,
    PROFILE_UPDATED,
    PASSWORD_CHANGED,
    PASSWORD_REHASHED,
    PASSWORD_RESET_REQUESTED,
    PASSWORD_RESET,
    EMAIL_CHANGED,
    ACCOUNT_DELETED,
    ACCOUNT_SUSPENDED,
    ACCOUNT_DEACTIVATED,
    ACCOUNT_REACTIVATED,
    MAIL_FAILED,
    API_KEY_CREATED,
    API_KEY_REVOKED,
    API_KEY_REGENERATED,
    API_KEY_REVEALED,
    /** The address ranges a key works from were changed. */
    API_KEY_RESTRICTED,
    PLAN_CHANGED,
    METER_TOPPED_UP,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGE_CANCELLED,
    /** A use case refused an actor for want of a permission, a tenant or a tier. */
    PERMISSION_DENIED,
    STAFF_ROLE_GRANTED,
    STAFF_ROLE_CHANGED,
    STAFF_ROLE_REVOKED,
    TENANT_CREATED,
    TENANT_RENAMED,
    TENANT_DISABLED,
    TENANT_ENABLED,
    SERVICE_ACCOUNT_CREATED,
    SERVICE_ACCOUNT_REVOKED,
    ACCOUNT_UNLOCKED,
    STAFF_NOTES_UPDATED,
    /** Staff granted (a positive amount) or deducted (a negative one) credits of a meter. */
    CREDITS_ADJUSTED,
    SETUP_COMPLETED,
    /** A throttle refused a call (too many logins, codes or registrations from one source). */
    THROTTLED,
    /** A user confirmed a TOTP factor: the second factor guards their logins from now on. */
    MFA_ENROLLED,
    /** A user turned their second factor off. */
    MFA_DISABLED,
    /** Staff removed a user's second factor. */
    MFA_RESET,
    MFA_RECOVERY_CODES_REGENERATED,
    /** A login's second step took a recovery code (each works once). */
    MFA_RECOVERY_CODE_USED,
    /** Too many wrong second-factor codes locked the second step. */
    MFA_LOCKED,
    /** A login from a device the user had not signed in from before. */
    NEW_DEVICE_SIGN_IN,
    IP_RULE_CREATED,
    IP_RULE_LIFTED,
    /** An address tripped the throttles or lockouts often enough to be denied for a while. */
    IP_AUTO_BLOCKED
}
