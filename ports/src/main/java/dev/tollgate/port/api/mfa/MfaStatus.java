package dev.tollgate.port.api.mfa;

import java.time.Instant;

/**
 * A user's second factor as they (or staff) see it.
 *
 * @param enabled           whether a confirmed TOTP factor guards their logins
 * @param pending           whether an enrolment waits for its first code
 * @param enabledAt         when the factor was confirmed; null when not enabled
 * @param recoveryCodesLeft unused recovery codes
 * @param required          whether the settings require a second factor of this user
 */
public record MfaStatus(boolean enabled, boolean pending, Instant enabledAt, int recoveryCodesLeft, boolean required) {
}
