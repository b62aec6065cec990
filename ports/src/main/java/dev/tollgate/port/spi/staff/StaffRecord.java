package dev.tollgate.port.spi.staff;

import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's staff role as stores persist it. A user holds at most one role.
 *
 * @param role      the role's name, as configured
 * @param grantedBy who granted or last changed it; null for the system
 */
public record StaffRecord(UserRef user, String role, Instant grantedAt, UserId grantedBy, Instant updatedAt) {

    public StaffRecord {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
