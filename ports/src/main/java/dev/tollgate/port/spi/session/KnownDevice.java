package dev.tollgate.port.spi.session;

import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A device a user signed in from, known by the digest of the opaque identifier the client
 * keeps (a cookie or header value), never the identifier itself.
 *
 * @param deviceDigest the digest of the device identifier
 * @param ip           the client address of the newest sign-in, or null
 * @param userAgent    the user agent of the newest sign-in, or null
 */
public record KnownDevice(
        UserRef user,
        String deviceDigest,
        Instant firstSeenAt,
        Instant lastSeenAt,
        String ip,
        String userAgent) {

    public KnownDevice {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(deviceDigest, "deviceDigest");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }
}
