package dev.tollgate.port.api.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A device a user signed in from, as they see it.
 *
 * @param label     a short label of the device (not its identifier), as sessions show it
 * @param ip        the address of its newest sign-in, or null
 * @param userAgent the user agent of its newest sign-in, or null
 */
public record DeviceView(String label, Instant firstSeenAt, Instant lastSeenAt, String ip, String userAgent) {

    public DeviceView {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }
}
