package dev.tollgate.port.settings;

import java.time.Duration;
import java.util.Optional;

/**
 * Session token lifetimes.
 *
 * @param accessLifetime  how long an access token works; default 24 hours
 * @param refreshLifetime how long a refresh token works; default 30 days, not shorter than access
 * @param idleTimeout     a session unused this long ends; null (the default) for none
 */
public record SessionSettings(Duration accessLifetime, Duration refreshLifetime, Duration idleTimeout) {

    public static final SessionSettings DEFAULTS = new SessionSettings(Duration.ofHours(24), Duration.ofDays(30), null);

    public SessionSettings {
        Checks.positive(accessLifetime, "session accessLifetime");
        Checks.positive(refreshLifetime, "session refreshLifetime");
        if (refreshLifetime.compareTo(accessLifetime) < 0) {
            throw new IllegalArgumentException("session refreshLifetime must not be shorter than accessLifetime");
        }
        if (idleTimeout != null) {
            Checks.positive(idleTimeout, "session idleTimeout");
        }
    }

    public Optional<Duration> idle() {
        return Optional.ofNullable(idleTimeout);
    }

    public SessionSettings withAccessLifetime(Duration value) {
        return new SessionSettings(value, refreshLifetime, idleTimeout);
    }

    public SessionSettings withRefreshLifetime(Duration value) {
        return new SessionSettings(accessLifetime, value, idleTimeout);
    }

    public SessionSettings withIdleTimeout(Duration value) {
        return new SessionSettings(accessLifetime, refreshLifetime, value);
    }
}
