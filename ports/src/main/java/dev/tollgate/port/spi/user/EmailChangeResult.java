package dev.tollgate.port.spi.user;

/** What {@link UserStore#changeEmail} did. */
public enum EmailChangeResult {
    CHANGED,
    /** Another user of the tenant has the new address; nothing changed. */
    EMAIL_TAKEN,
    /** No such user; nothing changed. */
    NOT_FOUND
}
