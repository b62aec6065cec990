package dev.tollgate.port.api.email;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.account.UserView;

/**
 * Verifying a user's email address with a one-time code, and changing the address.
 *
 * <p>A user awaits at most one code: for the pending new address while a change is pending,
 * else for the current address while it is unverified. A change is pending until the code
 * mailed to the new address is entered: until then the current address stays in force (login,
 * verification, API keys), and the change can be cancelled or replaced by a newer one.
 */
public interface EmailAddresses {

    /**
     * Mails a new code to the address awaiting one (the pending address, else the current one);
     * any earlier code stops working. Refused with {@code EMAIL_ALREADY_VERIFIED} when none
     * awaits a code or, past the daily send limit per address, {@code RATE_LIMITED}.
     */
    Outcome<CodeSent> sendVerificationCode(UserRef user, RequestContext context);

    /**
     * The same without a session: mails a new code to {@code email} if it is the current,
     * unverified address of a user of the tenant with no change pending. Answers alike, after
     * the same work, for every address (the lookup and the mail happen on the background
     * executor); refused only with {@code VALIDATION_FAILED} for a malformed address or
     * {@code RATE_LIMITED} past the send limit, which counts every address alike.
     */
    Outcome<CodeRequested> requestVerificationCode(TenantId tenant, String email, RequestContext context);

    /**
     * Checks the code and proves the address it was mailed to: a pending change is confirmed
     * (the address moves, verified, and the old address is told), else the current address is
     * marked verified. Refused with {@code OTP_INVALID} (with attempts left),
     * {@code OTP_EXPIRED}, {@code OTP_ATTEMPTS_EXHAUSTED}, {@code OTP_NOT_FOUND},
     * {@code EMAIL_ALREADY_VERIFIED}, or {@code EMAIL_TAKEN} when another user took the pending
     * address meanwhile (the change is then dropped).
     */
    Outcome<UserView> verify(UserRef user, String code, RequestContext context);

    /**
     * Verifies the current address {@code email} of a user of the tenant with the code mailed
     * to it, without a session. Every failure that could tell whether the address belongs to
     * an account (unknown or verified address, wrong, expired or used-up code) is the same
     * {@code OTP_INVALID} without detail; also refused with {@code VALIDATION_FAILED} for a
     * malformed address or code, or {@code RATE_LIMITED} by the code-entry throttle. Wrong
     * codes count against the code's attempt limit.
     */
    Outcome<UserView> verifyAddress(TenantId tenant, String email, String code, RequestContext context);

    /** The address, whether it is verified, the pending change and the awaited code's expiry. */
    Outcome<EmailStatus> status(UserRef user);

    /**
     * Starts a change of address after checking the password: the new address becomes pending
     * (replacing any earlier pending change) and its code is mailed to it; the current address
     * stays in force until the code is entered. Refused with {@code INVALID_CREDENTIALS},
     * {@code VALIDATION_FAILED}, {@code EMAIL_TAKEN} or {@code RATE_LIMITED}.
     */
    Outcome<CodeSent> change(UserRef user, String newEmail, String password, RequestContext context);

    /** Cancels the pending change, if any; the status afterwards. */
    Outcome<EmailStatus> cancelChange(UserRef user, RequestContext context);
}
