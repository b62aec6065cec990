package dev.tollgate.core.limit;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.util.Objects;

/**
 * The rate limit of one API key: at most the plan's requests per the plan's window (a user's
 * override replaces the requests, never the window), counted in one window counter per tenant
 * and key, so every key of a user has its own limit and no tenant's counts meet another's.
 *
 * @param counter the window counter of the key
 * @param limit   requests per window
 */
public record KeyRateLimit(CounterKey counter, WindowLimit limit) {

    public KeyRateLimit {
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(limit, "limit");
    }

    /** The limit of {@code key}, owned by {@code owner}, under its plan's rate limit and the owner's override (null: none). */
    public static KeyRateLimit of(UserRef owner, ApiKeyId key, Plan.RateLimit planned, Integer override) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(planned, "planned");
        int requests = override == null ? planned.requests() : override;
        return new KeyRateLimit(CounterKey.of("key-rate:" + owner.tenant() + ":" + key),
                WindowLimit.of(requests, planned.window()));
    }

    /** Requests left in the window after {@code acquisition}, never below zero. */
    public int remaining(Acquisition acquisition) {
        return Math.max(0, limit.limit() - acquisition.count());
    }
}
