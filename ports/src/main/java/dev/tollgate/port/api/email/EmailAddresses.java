package dev.tollgate.port.api.email;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.account.UserView;

/** Verifying a user's email address with a one-time code, and changing the address. */
public interface EmailAddresses {

    /**
     * Mails a new verification code to the user's address; any earlier code stops working.
     * Refused with {@code EMAIL_ALREADY_VERIFIED} or, past the daily send limit per address,
     * {@code RATE_LIMITED}.
     */
    Outcome<CodeSent> sendVerificationCode(UserRef user, RequestContext context);

    /**
     * Checks the code and marks the address verified. Refused with {@code OTP_INVALID} (with
     * attempts left), {@code OTP_EXPIRED}, {@code OTP_ATTEMPTS_EXHAUSTED}, {@code OTP_NOT_FOUND}
     * or {@code EMAIL_ALREADY_VERIFIED}.
     */
    Outcome<UserView> verify(UserRef user, String code, RequestContext context);

    /** Whether the address is verified and whether a code is pending. */
    Outcome<EmailStatus> status(UserRef user);

    /**
     * Changes the address after checking the password. The new address is unverified until
     * its code (mailed to it) is entered; the old address is told of the change. Refused with
     * {@code INVALID_CREDENTIALS}, {@code VALIDATION_FAILED}, {@code EMAIL_TAKEN} or
     * {@code RATE_LIMITED}.
     */
    Outcome<CodeSent> change(UserRef user, String newEmail, String password, RequestContext context);
}
