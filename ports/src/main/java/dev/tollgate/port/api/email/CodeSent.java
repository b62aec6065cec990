package dev.tollgate.port.api.email;

import dev.tollgate.port.Email;
import java.time.Instant;
import java.util.Objects;

/** A verification code went out to {@code sentTo}; it is valid until {@code expiresAt}. */
public record CodeSent(Email sentTo, Instant expiresAt) {
    public CodeSent {
        Objects.requireNonNull(sentTo, "sentTo");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
