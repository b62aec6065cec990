package dev.tollgate.port.api.email;

import dev.tollgate.port.Email;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the user's address stands.
 *
 * @param email         the address in force: the one login and mail use
 * @param verified      whether {@code email} is verified
 * @param pendingEmail  the address the user is changing to, until its code is entered or the
 *                      change is cancelled; null when no change is pending
 * @param codeExpiresAt when the code awaited (for the pending address, else for an unverified
 *                      {@code email}) expires; null when none can still be used
 */
public record EmailStatus(Email email, boolean verified, Email pendingEmail, Instant codeExpiresAt) {
    public EmailStatus {
        Objects.requireNonNull(email, "email");
    }

    public Optional<Email> pendingChange() {
        return Optional.ofNullable(pendingEmail);
    }

    public Optional<Instant> pendingCodeExpiry() {
        return Optional.ofNullable(codeExpiresAt);
    }
}
