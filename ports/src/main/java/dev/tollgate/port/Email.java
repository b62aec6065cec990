package dev.tollgate.port;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address, normalised: trimmed and lower-case. The syntax check is the practical
 * subset that mail systems deliver to (a dot-atom local part of at most 64 characters, a
 * domain of DNS labels with a dot), at most 254 characters in all; quoted local parts and
 * address literals are refused.
 */
public record Email(String value) {

    public static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    public Email {
        Objects.requireNonNull(value, "email");
        if (!isNormalisedAndValid(value)) {
            throw new IllegalArgumentException("not a valid, normalised email address");
        }
    }

    /** Normalises {@code raw} and returns the address, or empty when it is not a valid one. */
    public static Optional<Email> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String normalised = raw.strip().toLowerCase(Locale.ROOT);
        return isNormalisedAndValid(normalised) ? Optional.of(new Email(normalised)) : Optional.empty();
    }

    /** Normalises and checks {@code raw}; throws {@link IllegalArgumentException} when invalid. */
    public static Email of(String raw) {
        return parse(raw).orElseThrow(() -> new IllegalArgumentException("not a valid email address"));
    }

    private static boolean isNormalisedAndValid(String candidate) {
        if (candidate.length() > MAX_LENGTH) {
            return false;
        }
        int at = candidate.lastIndexOf('@');
        if (at < 1 || at > 64 || at == candidate.length() - 1) {
            return false;
        }
        return LOCAL.matcher(candidate.substring(0, at)).matches()
                && DOMAIN.matcher(candidate.substring(at + 1)).matches();
    }

    /** The part before the {@code @}. */
    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    @Override
    public String toString() {
        return value;
    }
}
