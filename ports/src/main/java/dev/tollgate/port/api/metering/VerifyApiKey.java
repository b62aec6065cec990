package dev.tollgate.port.api.metering;

/**
 * The call a paying service makes on every request: is this API key good, may it do this, and
 * take N units of a meter. Correct under concurrency across processes sharing the store.
 */
public interface VerifyApiKey {

    /**
     * Checks the key and, when everything allows it, takes the cost. Refusals, in the order
     * checked: {@code VALIDATION_FAILED} (cost out of range, bad meter name), {@code KEY_NOT_FOUND}
     * (malformed, wrong checksum or unknown), {@code KEY_REVOKED}, {@code KEY_EXPIRED},
     * {@code USER_INACTIVE}, {@code EMAIL_UNVERIFIED} (when the settings require it),
     * {@code ENTITLEMENT_MISSING}, {@code RATE_LIMITED}, {@code INSUFFICIENT_CREDITS}.
     */
    KeyVerification verify(KeyCheck check);
}
