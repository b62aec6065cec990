package dev.tollgate.port.api.email;

import dev.tollgate.port.Email;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the verification of a user's address stands.
 *
 * @param codeExpiresAt when the pending code expires; null when no code is pending
 */
public record EmailStatus(Email email, boolean verified, Instant codeExpiresAt) {
    public EmailStatus {
        Objects.requireNonNull(email, "email");
    }

    public Optional<Instant> pendingCodeExpiry() {
        return Optional.ofNullable(codeExpiresAt);
    }
}
