package dev.tollgate.port.spi.account;

import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.Objects;

/**
 * What remains of a deleted account: who it was, never a secret.
 *
 * @param reason why the owner deleted it; null when not given
 */
public record ArchivedAccount(
        UserRef user,
        Username username,
        Email email,
        Profile profile,
        Instant createdAt,
        Instant deletedAt,
        String reason) {

    public ArchivedAccount {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }
}
