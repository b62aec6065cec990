package dev.tollgate.port.api.staff;

import dev.tollgate.port.Email;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user holding a staff role.
 *
 * @param grantedBy who granted the role; empty when the system did (first run, command line)
 */
public record StaffMember(UserRef user, Username username, Email email, String role, Instant grantedAt,
        Optional<UserId> grantedBy, Instant updatedAt) {

    public StaffMember {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
