package dev.tollgate.port;

/**
 * The lifecycle state of an account. Only {@link #ACTIVE} accounts may log in and use their
 * sessions. Locking after failed logins is a separate, time-bound flag, not a status.
 */
public enum AccountStatus {
    /** In normal use. */
    ACTIVE,
    /** Stopped by staff, for example for abuse; only staff can reactivate it. */
    SUSPENDED,
    /** Switched off, for example at the owner's request; may be reactivated. */
    DEACTIVATED,
    /** Deleted by its owner: archived and removed from the live store. */
    DELETED;

    public boolean canAuthenticate() {
        return this == ACTIVE;
    }
}
