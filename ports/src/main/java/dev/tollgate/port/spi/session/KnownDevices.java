package dev.tollgate.port.spi.session;

import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.List;

/**
 * The devices each user signed in from. Each method is one atomic operation; a user's devices
 * are never reached through a ref of another tenant.
 */
public interface KnownDevices {

    /** Whether {@link #sighted} met the device for the first time. */
    enum Sighting {
        /** Not known before for this user: it is now, first and last seen at the sighting. */
        NEW,
        /** Known before: its last sighting (time, address, user agent) is updated. */
        KNOWN
    }

    /**
     * Records a sign-in from {@code device.deviceDigest()} at {@code device.lastSeenAt()}: a new
     * device is stored as given ({@code NEW}); a known one keeps its first sighting and takes the
     * rest ({@code KNOWN}). Of concurrent sightings of one new device, exactly one is {@code NEW}.
     */
    Sighting sighted(KnownDevice device);

    /** The user's devices, the most recently seen first. */
    List<KnownDevice> list(UserRef user);

    /** Forgets every device of the user; answers how many. */
    int deleteAll(UserRef user);
}
