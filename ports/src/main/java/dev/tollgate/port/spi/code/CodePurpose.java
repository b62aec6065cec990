package dev.tollgate.port.spi.code;

/**
 * What a one-time code proves. A user has at most one live code per purpose. Besides the codes
 * mailed to users, the login's own short-lived tokens are kept as codes: the challenge of a
 * login's second step and the token that lets an expired password be changed.
 */
public enum CodePurpose {
    EMAIL_VERIFICATION,
    PASSWORD_RESET,
    /** The challenge a login with a correct password answers when a second factor is needed. */
    MFA_CHALLENGE,
    /** The token a login with an expired password answers, good only for setting a new one. */
    PASSWORD_CHANGE
}
