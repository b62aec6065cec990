package dev.tollgate.adapter.sql.admin;

import java.util.Optional;

/** Prefix searches as ranges of text compared by code point (byte-wise UTF-8), which indexes serve. */
final class TextRange {

    private TextRange() {
    }

    /**
     * The least text above every text that starts with {@code prefix}: the prefix with its last
     * code point raised by one (trailing U+10FFFF dropped first). Empty when there is none, when
     * the prefix is empty or all U+10FFFF.
     */
    static Optional<String> above(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int raised = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return Optional.of(prefix.substring(0, start) + Character.toString(raised));
            }
            end = start;
        }
        return Optional.empty();
    }
}
