package dev.tollgate.port.api.admin;

import dev.tollgate.port.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What staff wrote about a user (the predecessor's {@code additional_notes}), never shown to the user.
 *
 * @param text      at most {@link #MAX_LENGTH} characters
 * @param updatedBy who wrote it last; empty for the system
 */
public record StaffNote(String text, Instant updatedAt, Optional<UserId> updatedBy) {

    public static final int MAX_LENGTH = 10_000;

    public StaffNote {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }
}
