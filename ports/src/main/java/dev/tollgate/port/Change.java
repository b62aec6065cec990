package dev.tollgate.port;

import java.util.Objects;

/**
 * What a write of one record answered when all it can do is change the record it names or find
 * none to change: {@link Kind#APPLIED} when a record matched (it exists in the tenant named and
 * is in the state the write expects, as a compare-and-set names it) and was changed;
 * {@link Kind#NO_MATCH} when none did, and nothing was changed.
 */
public record Change(Kind kind) {

    private static final Change APPLIED = new Change(Kind.APPLIED);
    private static final Change NO_MATCH = new Change(Kind.NO_MATCH);

    public enum Kind {
        /** A record matched and was changed. */
        APPLIED,
        /** No record matched (none, or not in the state expected); nothing was changed. */
        NO_MATCH
    }

    public Change {
        Objects.requireNonNull(kind, "kind");
    }

    public static Change applied() {
        return APPLIED;
    }

    public static Change noMatch() {
        return NO_MATCH;
    }

    /** {@link Kind#APPLIED} when {@code changed}, else {@link Kind#NO_MATCH}: for a store that counts the rows it changed. */
    public static Change of(boolean changed) {
        return changed ? APPLIED : NO_MATCH;
    }

    /** Whether a record matched and was changed. */
    public boolean isApplied() {
        return kind == Kind.APPLIED;
    }
}
