package dev.tollgate.port.spi.user;

import java.util.Objects;

/** What {@link UserStore#insert} did. When both are taken, either answer is correct. */
public record InsertResult(Kind kind) {

    private static final InsertResult INSERTED = new InsertResult(Kind.INSERTED);
    private static final InsertResult USERNAME_TAKEN = new InsertResult(Kind.USERNAME_TAKEN);
    private static final InsertResult EMAIL_TAKEN = new InsertResult(Kind.EMAIL_TAKEN);

    public enum Kind {
        /** The user is stored. */
        INSERTED,
        /** Another user of the tenant has this username, compared case-insensitively; nothing was stored. */
        USERNAME_TAKEN,
        /** Another user of the tenant has this email address; nothing was stored. */
        EMAIL_TAKEN
    }

    public InsertResult {
        Objects.requireNonNull(kind, "kind");
    }

    public static InsertResult inserted() {
        return INSERTED;
    }

    public static InsertResult usernameTaken() {
        return USERNAME_TAKEN;
    }

    public static InsertResult emailTaken() {
        return EMAIL_TAKEN;
    }
}
