package dev.tollgate.adapter.memory.limit;

import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WindowCounters} in memory. One lock guards the counters, so no window ever grants more
 * than its limit. Windows that have ended are dropped now and then, so memory stays bounded by
 * the keys in use.
 */
public final class InMemoryWindowCounters implements WindowCounters {

    private static final int FIRST_PURGE_AT = 1024;

    private record Window(int count, Instant resetsAt) {
    }

    private final Object lock = new Object();
    private final Map<CounterKey, Window> windows = new HashMap<>();
    private int purgeAt = FIRST_PURGE_AT;

    @Override
    public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            Window open = windows.get(key);
            if (open == null || !open.resetsAt().isAfter(now)) {
                purgeEndedWindows(now);
                Window fresh = new Window(1, now.plus(limit.window()));
                windows.put(key, fresh);
                return Acquisition.granted(fresh.count(), fresh.resetsAt());
            }
            if (open.count() < limit.limit()) {
                Window counted = new Window(open.count() + 1, open.resetsAt());
                windows.put(key, counted);
                return Acquisition.granted(counted.count(), counted.resetsAt());
            }
            return Acquisition.refused(open.count(), open.resetsAt());
        }
    }

    @Override
    public Optional<OpenWindow> current(CounterKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            return Optional.ofNullable(windows.get(key))
                    .filter(open -> open.resetsAt().isAfter(now))
                    .map(open -> new OpenWindow(open.count(), open.resetsAt()));
        }
    }

    private void purgeEndedWindows(Instant now) {
        if (windows.size() >= purgeAt) {
            windows.values().removeIf(w -> !w.resetsAt().isAfter(now));
            purgeAt = Math.max(FIRST_PURGE_AT, windows.size() * 2);
        }
    }
}
