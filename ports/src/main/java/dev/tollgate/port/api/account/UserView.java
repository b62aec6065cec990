package dev.tollgate.port.api.account;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user as the API shows it: never a password hash, a counter or a secret.
 *
 * @param lastLoginAt null until the first successful login
 */
public record UserView(
        TenantId tenant,
        UserId id,
        Username username,
        Email email,
        boolean emailVerified,
        AccountStatus status,
        Profile profile,
        Instant createdAt,
        Instant lastLoginAt) {

    public UserView {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public UserRef ref() {
        return new UserRef(tenant, id);
    }

    public Optional<Instant> lastLogin() {
        return Optional.ofNullable(lastLoginAt);
    }
}
