package dev.tollgate.port;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A username as its owner typed it: 3 to 32 characters of ASCII letters, digits, {@code _},
 * {@code -} and {@code .}. Usernames are unique per tenant regardless of case;
 * {@link #canonical()} is the form stores compare and index.
 */
public record Username(String value) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");

    public Username {
        Objects.requireNonNull(value, "username");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "username must be 3-32 characters of letters, digits, '_', '-' and '.'");
        }
    }

    /** The username, or empty when {@code raw} is not a valid one. */
    public static Optional<Username> parse(String raw) {
        return raw != null && SHAPE.matcher(raw).matches() ? Optional.of(new Username(raw)) : Optional.empty();
    }

    public static Username of(String raw) {
        return new Username(raw);
    }

    /** The lower-case form that decides uniqueness. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
