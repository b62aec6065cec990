package dev.tollgate.port.spi.user;

/** What {@link UserStore#confirmPendingEmail} did. */
public enum EmailChangeResult {
    /** The pending address is now the user's address, verified; nothing is pending any more. */
    CHANGED,
    /** Another user of the tenant has the pending address now; nothing changed. */
    EMAIL_TAKEN,
    /** No such user; nothing changed. */
    NOT_FOUND,
    /** The user's pending address is not the one expected (none, cancelled or replaced); nothing changed. */
    NOT_PENDING
}
