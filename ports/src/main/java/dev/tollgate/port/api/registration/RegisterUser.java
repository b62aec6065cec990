package dev.tollgate.port.api.registration;

import dev.tollgate.port.api.Outcome;

/** Creating an account. */
public interface RegisterUser {

    /**
     * Validates the registration, creates the account (active, email unverified) and mails
     * the first verification code. Refused with {@code VALIDATION_FAILED},
     * {@code PASSWORD_REJECTED}, {@code USERNAME_TAKEN}, {@code EMAIL_TAKEN} or
     * {@code SERVICE_BUSY}.
     */
    Outcome<Registered> register(Registration registration);
}
