package dev.tollgate.port.spi.metering;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UsageContext;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One verify-and-consume call of a known key: who, with which key, on which meter, for how
 * much, and how it ended.
 *
 * @param meter   a {@link MeterName}'s value
 * @param cost    the units asked for (taken only when {@code outcome} is {@link #GRANTED})
 * @param outcome {@link #GRANTED}, or the refusal's error code (e.g. {@code INSUFFICIENT_CREDITS})
 * @param context the request id and tags the service gave with the call; every store keeps them as they are
 */
public record UsageEvent(UserRef user, ApiKeyId key, String meter, long cost, String outcome, Instant at,
        UsageContext context) {

    /** The outcome of a call that was let through and paid. */
    public static final String GRANTED = "GRANTED";
    private static final Pattern OUTCOME = Pattern.compile("[A-Z][A-Z_]{0,39}");

    public UsageEvent {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        context = Objects.requireNonNullElse(context, UsageContext.NONE);
        MeterName.of(meter); // 1 to 64 characters, as every store keeps them
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        if (!OUTCOME.matcher(outcome).matches()) {
            throw new IllegalArgumentException("an outcome is an upper-case code of at most 40 characters");
        }
    }

    /** An event without request id or tags. */
    public UsageEvent(UserRef user, ApiKeyId key, String meter, long cost, String outcome, Instant at) {
        this(user, key, meter, cost, outcome, at, UsageContext.NONE);
    }

    public boolean granted() {
        return GRANTED.equals(outcome);
    }
}
