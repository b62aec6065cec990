package dev.tollgate.port.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * How client addresses are judged against the IP rules, and the automatic blocking.
 *
 * @param allowList      when on, only addresses an allow rule matches may use the API; default off
 *                       (everything not denied is allowed)
 * @param autoBlockAfter an address that trips a throttle or locks an account this many times within
 *                       {@code autoBlockWindow} gets a deny rule for {@code autoBlockFor}; 0 (the default)
 *                       turns automatic blocking off
 * @param autoBlockWindow the window those events are counted in; default 1 hour
 * @param autoBlockFor   how long an automatic block lasts; default 1 hour
 */
public record NetworkSettings(boolean allowList, int autoBlockAfter, Duration autoBlockWindow, Duration autoBlockFor) {

    public static final NetworkSettings DEFAULTS = new NetworkSettings(false, 0, Duration.ofHours(1),
            Duration.ofHours(1));

    public NetworkSettings {
        Checks.between(autoBlockAfter, 0, 10_000, "autoBlockAfter");
        Checks.between(Objects.requireNonNull(autoBlockWindow, "autoBlockWindow"), Duration.ofSeconds(1),
                Duration.ofDays(7), "autoBlockWindow");
        Checks.between(Objects.requireNonNull(autoBlockFor, "autoBlockFor"), Duration.ofSeconds(1),
                Duration.ofDays(365), "autoBlockFor");
    }

    public boolean autoBlocking() {
        return autoBlockAfter > 0;
    }

    public NetworkSettings withAllowList(boolean value) {
        return new NetworkSettings(value, autoBlockAfter, autoBlockWindow, autoBlockFor);
    }

    public NetworkSettings withAutoBlock(int after, Duration window, Duration blockFor) {
        return new NetworkSettings(allowList, after, window, blockFor);
    }
}
