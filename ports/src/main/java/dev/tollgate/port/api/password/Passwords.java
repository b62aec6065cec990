package dev.tollgate.port.api.password;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.account.UserView;

/** Changing a password, and resetting a forgotten one with a mailed code. */
public interface Passwords {

    /**
     * Changes the password after checking the current one; every other session of the user
     * ends and a notice is mailed. Refused with {@code INVALID_CREDENTIALS},
     * {@code PASSWORD_REJECTED} or {@code SERVICE_BUSY}.
     */
    Outcome<UserView> change(PasswordChange change);

    /**
     * Mails a reset code to the address if an account has it. The answer is the same whether
     * or not one does; past the per-address send limit it is {@code RATE_LIMITED} for both.
     */
    Outcome<ResetRequested> requestReset(TenantId tenant, String email, RequestContext context);

    /**
     * Sets a new password with a reset code; every session of the user ends, a notice is
     * mailed and the address counts as verified. A wrong or used-up code and an unknown address
     * are all refused with {@code OTP_INVALID} without attempts left, so the answer reveals no
     * account; the mailed code itself, presented after its lifetime, is {@code OTP_EXPIRED}
     * (only its recipient can learn that). Rules that need no account ({@code VALIDATION_FAILED},
     * {@code PASSWORD_REJECTED} for length, common or weak passwords) are judged first and
     * leave the code usable; the rule against containing the username is judged only after the
     * code matched, and such a refusal spends the code.
     */
    Outcome<UserView> confirmReset(TenantId tenant, String email, String code, String newPassword, RequestContext context);
}
