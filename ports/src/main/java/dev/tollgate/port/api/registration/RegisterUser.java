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

    /**
     * Registers without telling whether the address already has an account: a new account is
     * made exactly as by {@link #register}, but its primary key's secret is not answered (the
     * owner reveals or regenerates it once signed in); when another account has the address,
     * nothing is made and that account's owner is mailed a notice of the attempt. Both answer
     * the same {@link RegistrationAccepted}, after the same password hashing, and both take one
     * of the address's code sends. Every other refusal is as for {@link #register}, including
     * {@code USERNAME_TAKEN}: usernames are not secret in this mode.
     */
    Outcome<RegistrationAccepted> registerWithoutEnumeration(Registration registration);
}
