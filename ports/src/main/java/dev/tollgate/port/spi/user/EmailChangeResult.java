package dev.tollgate.port.spi.user;

import java.util.Objects;

/** What {@link UserStore#confirmPendingEmail} did. */
public record EmailChangeResult(Kind kind) {

    private static final EmailChangeResult CHANGED = new EmailChangeResult(Kind.CHANGED);
    private static final EmailChangeResult EMAIL_TAKEN = new EmailChangeResult(Kind.EMAIL_TAKEN);
    private static final EmailChangeResult NOT_FOUND = new EmailChangeResult(Kind.NOT_FOUND);
    private static final EmailChangeResult NOT_PENDING = new EmailChangeResult(Kind.NOT_PENDING);

    public enum Kind {
        /** The pending address is now the user's address, verified; nothing is pending any more. */
        CHANGED,
        /** Another user of the tenant has the pending address now; nothing changed. */
        EMAIL_TAKEN,
        /** No such user; nothing changed. */
        NOT_FOUND,
        /** The user's pending address is not the one expected (none, cancelled or replaced); nothing changed. */
        NOT_PENDING
    }

    public EmailChangeResult {
        Objects.requireNonNull(kind, "kind");
    }

    public static EmailChangeResult changed() {
        return CHANGED;
    }

    public static EmailChangeResult emailTaken() {
        return EMAIL_TAKEN;
    }

    public static EmailChangeResult notFound() {
        return NOT_FOUND;
    }

    public static EmailChangeResult notPending() {
        return NOT_PENDING;
    }
}
