package dev.tollgate.port;

/** Whether a tenant is in service. */
public enum TenantStatus {
    /** Its users log in and its keys verify. */
    ACTIVE,
    /** Switched off by a super admin: its users cannot log in and its keys verify as {@code TENANT_DISABLED}. */
    DISABLED
}
