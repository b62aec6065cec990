package dev.tollgate.port.settings;

import java.time.Duration;

/**
 * One-time codes mailed for email verification and password reset.
 *
 * @param digits              digits per code, 6 to 10; default 6
 * @param verificationLifetime how long an email-verification code works; default 24 hours
 * @param resetLifetime       how long a password-reset code works; default 15 minutes
 * @param maxAttempts         wrong tries that kill a code; default 5
 * @param maxSendsPerWindow   codes sent to one address per window and purpose; default 3
 * @param sendWindow          the window of that limit; default 1 day
 */
public record CodeSettings(
        int digits,
        Duration verificationLifetime,
        Duration resetLifetime,
        int maxAttempts,
        int maxSendsPerWindow,
        Duration sendWindow) {

    public static final CodeSettings DEFAULTS =
            new CodeSettings(6, Duration.ofHours(24), Duration.ofMinutes(15), 5, 3, Duration.ofDays(1));

    public CodeSettings {
        Checks.between(digits, 6, 10, "code digits");
        Checks.positive(verificationLifetime, "code verificationLifetime");
        Checks.positive(resetLifetime, "code resetLifetime");
        Checks.between(maxAttempts, 1, 100, "code maxAttempts");
        Checks.atLeast(maxSendsPerWindow, 1, "code maxSendsPerWindow");
        Checks.positive(sendWindow, "code sendWindow");
    }

    public CodeSettings withDigits(int value) {
        return new CodeSettings(value, verificationLifetime, resetLifetime, maxAttempts, maxSendsPerWindow, sendWindow);
    }

    public CodeSettings withVerificationLifetime(Duration value) {
        return new CodeSettings(digits, value, resetLifetime, maxAttempts, maxSendsPerWindow, sendWindow);
    }

    public CodeSettings withResetLifetime(Duration value) {
        return new CodeSettings(digits, verificationLifetime, value, maxAttempts, maxSendsPerWindow, sendWindow);
    }

    public CodeSettings withMaxAttempts(int value) {
        return new CodeSettings(digits, verificationLifetime, resetLifetime, value, maxSendsPerWindow, sendWindow);
    }

    public CodeSettings withMaxSendsPerWindow(int value) {
        return new CodeSettings(digits, verificationLifetime, resetLifetime, maxAttempts, value, sendWindow);
    }

    public CodeSettings withSendWindow(Duration value) {
        return new CodeSettings(digits, verificationLifetime, resetLifetime, maxAttempts, maxSendsPerWindow, value);
    }
}
