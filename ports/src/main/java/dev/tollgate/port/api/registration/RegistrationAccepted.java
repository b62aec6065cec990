package dev.tollgate.port.api.registration;

import dev.tollgate.port.Email;
import java.util.Objects;

/**
 * The answer of an enumeration-safe registration: the same whether a new account was made or
 * the address already had one, so it reveals neither. It names only the address given, where
 * either a verification code or a notice to the existing owner was sent.
 */
public record RegistrationAccepted(Email email) {
    public RegistrationAccepted {
        Objects.requireNonNull(email, "email");
    }
}
