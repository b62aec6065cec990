package dev.tollgate.port.api.email;

/**
 * A verification code was asked for by address. The same for an unknown, a verified and an
 * unverified address: whether a code went out is deliberately not told.
 */
public record CodeRequested() {
}
