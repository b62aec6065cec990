package dev.tollgate.port.api.metering;

import dev.tollgate.port.ApiKeyId;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One recorded verify-and-consume call of a user's key, as its owner and staff read it.
 *
 * @param key       the key presented
 * @param meter     the meter asked
 * @param cost      the units asked (taken only when {@code outcome} is {@code GRANTED})
 * @param outcome   {@code GRANTED}, or the refusal's error code (e.g. {@code INSUFFICIENT_CREDITS})
 * @param at        when the call was judged
 * @param requestId the service's id of the call, when it gave one
 * @param tags      the tags the service gave, ordered by name
 */
public record UsageEventView(ApiKeyId key, String meter, long cost, String outcome, Instant at,
        Optional<String> requestId, SortedMap<String, String> tags) {

    public UsageEventView {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(requestId, "requestId");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(tags, "tags")));
    }

    public boolean granted() {
        return "GRANTED".equals(outcome);
    }
}
