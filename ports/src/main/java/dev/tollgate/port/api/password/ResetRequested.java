package dev.tollgate.port.api.password;

/**
 * A reset was requested. The same for a known and an unknown address: whether a code went out
 * is deliberately not told.
 */
public record ResetRequested() {
}
