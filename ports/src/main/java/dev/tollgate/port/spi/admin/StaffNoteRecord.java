package dev.tollgate.port.spi.admin;

import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;

/**
 * Staff notes about a user, as stores persist them.
 *
 * @param updatedBy who wrote them last; null for the system
 */
public record StaffNoteRecord(UserRef user, String text, Instant updatedAt, UserId updatedBy) {

    public StaffNoteRecord {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
