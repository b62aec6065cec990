package dev.tollgate.port.spi.user;

/** What {@link UserStore#insert} did. When both are taken, either answer is correct. */
public enum InsertResult {
    INSERTED,
    /** Another user of the tenant has this username, compared case-insensitively. */
    USERNAME_TAKEN,
    /** Another user of the tenant has this email address. */
    EMAIL_TAKEN
}
