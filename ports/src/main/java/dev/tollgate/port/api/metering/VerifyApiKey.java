package dev.tollgate.port.api.metering;

import dev.tollgate.port.api.Outcome;

/**
 * The call a paying service makes on every request: is this API key good, may it do this, and
 * take N units of a meter. Correct under concurrency across processes sharing the store.
 */
public interface VerifyApiKey {

    /**
     * Checks the key and, when everything allows it, takes the cost: done with the
     * {@link KeyVerification.Granted}. A check it cannot judge is refused as any use case refuses:
     * {@code VALIDATION_FAILED} (cost out of range: field {@code cost}; else a bad meter name:
     * field {@code meter}) and {@code UNKNOWN_METER}. Every other refusal is a verdict on the key,
     * a {@link KeyVerification.Denied} with what was known of it; in the order checked:
     * {@code KEY_NOT_FOUND} (malformed, wrong checksum or unknown), {@code KEY_REVOKED},
     * {@code KEY_EXPIRED}, {@code USER_INACTIVE}, {@code EMAIL_UNVERIFIED} (when the settings
     * require it), {@code ENTITLEMENT_MISSING}, {@code RATE_LIMITED}, {@code INSUFFICIENT_CREDITS}.
     */
    Outcome<KeyVerification.Granted> verify(KeyCheck check);
}
