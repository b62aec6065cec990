package dev.tollgate.port;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The tenant a record belongs to: 1 to 64 characters of lower-case letters, digits,
 * {@code -} and {@code _}. Every user and every record belongs to exactly one tenant;
 * {@link #DEFAULT} exists from the start.
 */
public record TenantId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** The tenant used when an application has only one. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "tenant id must be 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
