package dev.tollgate.port;

/** Whether the audited action succeeded. */
public enum AuditOutcome {
    SUCCESS,
    FAILURE
}
