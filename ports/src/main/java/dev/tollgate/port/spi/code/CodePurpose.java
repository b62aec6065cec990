package dev.tollgate.port.spi.code;

/** What a one-time code proves. A user has at most one live code per purpose. */
public enum CodePurpose {
    EMAIL_VERIFICATION,
    PASSWORD_RESET
}
