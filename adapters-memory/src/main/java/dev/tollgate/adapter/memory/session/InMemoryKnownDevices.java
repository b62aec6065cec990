package dev.tollgate.adapter.memory.session;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.session.KnownDevice;
import dev.tollgate.port.spi.session.KnownDevices;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link KnownDevices} in memory. One lock guards every user's devices, so of concurrent
 * sightings of a new device exactly one finds it new. Devices are keyed by the user's ref,
 * tenant included, and their digest.
 */
public final class InMemoryKnownDevices implements KnownDevices {

    private final Object lock = new Object();
    private final Map<UserRef, Map<String, KnownDevice>> devices = new HashMap<>();

    @Override
    public Sighting sighted(KnownDevice device) {
        Objects.requireNonNull(device, "device");
        synchronized (lock) {
            Map<String, KnownDevice> own = devices.computeIfAbsent(device.user(), user -> new HashMap<>());
            KnownDevice known = own.get(device.deviceDigest());
            if (known == null) {
                own.put(device.deviceDigest(), device);
                return Sighting.NEW;
            }
            own.put(device.deviceDigest(), new KnownDevice(device.user(), device.deviceDigest(), known.firstSeenAt(),
                    device.lastSeenAt(), device.ip(), device.userAgent()));
            return Sighting.KNOWN;
        }
    }

    @Override
    public List<KnownDevice> list(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            List<KnownDevice> own = new ArrayList<>(devices.getOrDefault(user, Map.of()).values());
            own.sort(Comparator.comparing(KnownDevice::lastSeenAt).reversed()
                    .thenComparing(KnownDevice::deviceDigest));
            return List.copyOf(own);
        }
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            Map<String, KnownDevice> removed = devices.remove(user);
            return removed == null ? 0 : removed.size();
        }
    }
}
