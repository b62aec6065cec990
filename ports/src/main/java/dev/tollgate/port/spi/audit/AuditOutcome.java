package dev.tollgate.port.spi.audit;

/** Whether the audited action succeeded. */
public enum AuditOutcome {
    SUCCESS,
    FAILURE
}
