package dev.tollgate.port.api.email;

import dev.tollgate.port.Email;
import java.time.Instant;
import java.util.Objects;

/**
 * A verification code was issued for {@code sentTo}, valid until {@code expiresAt}.
 * {@code delivered} is false when the mailer failed: the code exists but did not reach the
 * user, who can ask for it again.
 */
public record CodeSent(Email sentTo, Instant expiresAt, boolean delivered) {
    public CodeSent {
        Objects.requireNonNull(sentTo, "sentTo");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
