package dev.tollgate.port.api.metering;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.settings.ServiceLevel;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answer to a {@link KeyCheck}: valid, or the precise reason it is not, with what the
 * caller needs either way. A refused check took nothing from any meter.
 *
 * @param refusal      why the key may not do this; null when it may
 * @param user         the key's owner; null when the key is not known
 * @param key          the key's id; null when the key is not known
 * @param plan         the owner's plan; null when the owner is not known
 * @param meters       each meter of the plan with its balance after this check
 * @param rateLimit    the key's rate-limit state; null when the check stopped before it
 */
public record KeyVerification(
        ErrorCode refusal,
        UserRef user,
        ApiKeyId key,
        String plan,
        ServiceLevel level,
        Set<String> entitlements,
        Map<String, MeterState> meters,
        RateLimitState rateLimit) {

    public KeyVerification {
        entitlements = entitlements == null ? Set.of() : Set.copyOf(entitlements);
        meters = meters == null ? Map.of() : Map.copyOf(meters);
    }

    /** A refusal that knows nothing but the reason. */
    public static KeyVerification refused(ErrorCode reason) {
        return new KeyVerification(reason, null, null, null, null, Set.of(), Map.of(), null);
    }

    public boolean valid() {
        return refusal == null;
    }

    public Optional<ErrorCode> reason() {
        return Optional.ofNullable(refusal);
    }

    /** A meter's balance: what the period allows, what is left of it and of the top-ups, and when it resets. */
    public record MeterState(long allowance, long allowanceLeft, long topUpLeft, Instant resetsAt) {
        public long remaining() {
            return allowanceLeft + topUpLeft;
        }
    }

    /** The key's requests per window: the limit, what is left and when the window ends. */
    public record RateLimitState(int limit, int remaining, Instant resetsAt) {
    }
}
