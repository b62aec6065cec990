package dev.tollgate.port;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a service says about one verified call, kept with its usage event: an optional request id
 * and up to {@link #MAX_TAGS} short tags (a model's name, the tokens used, ...). The rules:
 * <ul>
 * <li>a request id is 1 to {@link #MAX_REQUEST_ID} printable ASCII characters without spaces
 *     ({@code !} to {@code ~});</li>
 * <li>a tag name is a lower-case letter, then up to 31 of {@code a-z 0-9 _ . -};</li>
 * <li>a tag value is 1 to {@link #MAX_TAG_VALUE} characters (code points) of valid Unicode (no lone
 *     surrogate) without control characters;</li>
 * <li>the names and values together are at most {@link #MAX_TAG_BYTES} bytes of UTF-8.</li>
 * </ul>
 * Tags are kept in name order (code point order; names are ASCII), so every store writes them alike.
 *
 * @param requestId the caller's id of the call; empty when it gave none
 * @param tags      name to value, ordered by name, unmodifiable
 */
public record UsageContext(Optional<String> requestId, SortedMap<String, String> tags) {

    public static final int MAX_REQUEST_ID = 128;
    public static final int MAX_TAGS = 8;
    public static final int MAX_TAG_VALUE = 128;
    public static final int MAX_TAG_BYTES = 1024;

    /** No request id and no tag. */
    public static final UsageContext NONE = new UsageContext(Optional.empty(), new TreeMap<>());

    private static final Pattern REQUEST_ID = Pattern.compile("[!-~]{1," + MAX_REQUEST_ID + "}");
    private static final Pattern TAG_NAME = Pattern.compile("[a-z][a-z0-9_.-]{0,31}");

    /** A rule {@link #violation} finds broken: the field (as the HTTP API names it) and what it must be. */
    public record Violation(String field, String message) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    public UsageContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(tags, "tags");
        Optional<Violation> broken = violation(requestId.orElse(null), tags);
        if (broken.isPresent()) {
            throw new IllegalArgumentException(broken.get().field() + " " + broken.get().message());
        }
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /** The context of {@code requestId} (null for none) and {@code tags} (null for none); throws when a rule is broken. */
    public static UsageContext of(String requestId, Map<String, String> tags) {
        Optional<Violation> broken = violation(requestId, tags);
        if (broken.isPresent()) {
            throw new IllegalArgumentException(broken.get().field() + " " + broken.get().message());
        }
        if (requestId == null && (tags == null || tags.isEmpty())) {
            return NONE;
        }
        return new UsageContext(Optional.ofNullable(requestId), new TreeMap<>(tags == null ? Map.of() : tags));
    }

    /**
     * The first rule that {@code requestId} (null for none) and {@code tags} (null for none)
     * break, naming the field: {@code request_id}, {@code tags} (too many, too long in all, a bad
     * name or a null) or {@code tags.<name>} (a bad value of a well-formed name). Empty when they
     * keep every rule. The offending text is never repeated in the message.
     */
    public static Optional<Violation> violation(String requestId, Map<String, String> tags) {
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            return Optional.of(new Violation("request_id",
                    "must be 1 to " + MAX_REQUEST_ID + " printable ASCII characters without spaces"));
        }
        if (tags == null) {
            return Optional.empty();
        }
        if (tags.size() > MAX_TAGS) {
            return Optional.of(new Violation("tags", "must hold at most " + MAX_TAGS + " tags"));
        }
        long bytes = 0;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            String name = tag.getKey();
            if (name == null || !TAG_NAME.matcher(name).matches()) {
                return Optional.of(new Violation("tags",
                        "names must be a lower-case letter, then up to 31 of a-z 0-9 _ . -"));
            }
            String value = tag.getValue();
            if (value == null || !validValue(value)) {
                return Optional.of(new Violation("tags." + name, "must be 1 to " + MAX_TAG_VALUE
                        + " characters of valid Unicode without control characters"));
            }
            bytes += name.length() + value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > MAX_TAG_BYTES) {
            return Optional.of(new Violation("tags",
                    "names and values must be at most " + MAX_TAG_BYTES + " bytes of UTF-8 in all"));
        }
        return Optional.empty();
    }

    /** Whether nothing is said: no request id and no tag. */
    public boolean none() {
        return requestId.isEmpty() && tags.isEmpty();
    }

    private static boolean validValue(String value) {
        int length = value.length();
        if (length == 0 || length > 2 * MAX_TAG_VALUE) {
            return false;
        }
        int codePoints = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || Character.isISOControl(c)) {
                return false;
            }
            codePoints++;
        }
        return codePoints <= MAX_TAG_VALUE;
    }
}
