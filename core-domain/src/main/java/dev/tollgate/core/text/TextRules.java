package dev.tollgate.core.text;

import dev.tollgate.port.api.Problem;
import java.time.Instant;
import java.util.Optional;

/**
 * What text and times Tollgate accepts to keep, the same on every store: checked before any
 * store sees the value, so a value one database would refuse (PostgreSQL takes no NUL and no
 * year past 9999) or silently change (an unpaired UTF-16 surrogate becomes {@code ?} once
 * encoded) is a validation failure naming its field, never a store error or a different value.
 */
public final class TextRules {

    /** The last instant every store can keep. */
    public static final Instant LATEST_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Whether line breaks and tabs belong in the field. */
    public enum Lines { SINGLE, MULTIPLE }

    private TextRules() {
    }

    /**
     * Why {@code text} cannot be kept in {@code field}, if it cannot: an unpaired surrogate, a
     * NUL or another control character (in a multi-line field tab, line feed and carriage return
     * are allowed). Null is fine: whether a field may be absent is its own rule.
     */
    public static Optional<Problem.FieldError> check(String field, String text, Lines lines) {
        if (text == null) {
            return Optional.empty();
        }
        if (!isWellFormed(text)) {
            return Optional.of(new Problem.FieldError(field,
                    "must be well-formed Unicode text: an unpaired surrogate is no character"));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean lineBreakOrTab = c == '\t' || c == '\n' || c == '\r';
            if (Character.getType(c) == Character.CONTROL && !(lines == Lines.MULTIPLE && lineBreakOrTab)) {
                return Optional.of(new Problem.FieldError(field, lines == Lines.MULTIPLE
                        ? "must not contain control characters other than tab and line breaks"
                        : "must not contain control characters"));
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code password} cannot be set, if it is not well-formed: any character is allowed in
     * a password, but an unpaired surrogate would be hashed as {@code ?}, so that other strings
     * would log in with it.
     */
    public static Optional<Problem.FieldError> checkPassword(String field, String password) {
        if (password != null && !isWellFormed(password)) {
            return Optional.of(new Problem.FieldError(field,
                    "must be well-formed Unicode text: an unpaired surrogate is no character"));
        }
        return Optional.empty();
    }

    /** Whether every surrogate in {@code text} is half of a pair, so it encodes to UTF-8 unchanged. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Why {@code instant} cannot be kept in {@code field}, if it is after {@link #LATEST_INSTANT}. */
    public static Optional<Problem.FieldError> check(String field, Instant instant) {
        if (instant != null && instant.isAfter(LATEST_INSTANT)) {
            return Optional.of(new Problem.FieldError(field, "must be before the year 10000"));
        }
        return Optional.empty();
    }
}
