package dev.tollgate.port.settings;

import java.time.Duration;
import java.util.Optional;

/**
 * Password history and expiry. NIST SP 800-63B advises against forced periodic changes (users
 * answer them with predictable variations), so expiry is off by default; it exists for
 * deployments whose rules demand it.
 *
 * @param history how many passwords, the current one included, a new password may not repeat;
 *                0 (the default) remembers none, 1 refuses only the current one; at most 24
 * @param maxAge  after this a password has expired and login answers {@code PASSWORD_EXPIRED}; null
 *                (the default) for never; at least a day
 */
public record PasswordAgeSettings(int history, Duration maxAge) {

    public static final PasswordAgeSettings DEFAULTS = new PasswordAgeSettings(0, null);

    public PasswordAgeSettings {
        Checks.between(history, 0, 24, "password history");
        if (maxAge != null) {
            Checks.between(maxAge, Duration.ofDays(1), Duration.ofDays(3650), "password maxAge");
        }
    }

    public Optional<Duration> expiry() {
        return Optional.ofNullable(maxAge);
    }

    public PasswordAgeSettings withHistory(int value) {
        return new PasswordAgeSettings(value, maxAge);
    }

    public PasswordAgeSettings withMaxAge(Duration value) {
        return new PasswordAgeSettings(history, value);
    }
}
