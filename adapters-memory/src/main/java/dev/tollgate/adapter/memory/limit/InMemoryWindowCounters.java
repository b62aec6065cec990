package dev.tollgate.adapter.memory.limit;

import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowCounters;
import java.time.Duration;
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
    private final Map<String, Window> windows = new HashMap<>();
    private int purgeAt = FIRST_PURGE_AT;

    @Override
    public Acquisition tryAcquire(String key, int limit, Duration window, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        synchronized (lock) {
            Window open = windows.get(key);
            if (open == null || !open.resetsAt().isAfter(now)) {
                purgeEndedWindows(now);
                Window fresh = new Window(1, now.plus(window));
                windows.put(key, fresh);
                return new Acquisition(true, fresh.count(), fresh.resetsAt());
            }
            if (open.count() < limit) {
                Window counted = new Window(open.count() + 1, open.resetsAt());
                windows.put(key, counted);
                return new Acquisition(true, counted.count(), counted.resetsAt());
            }
            return new Acquisition(false, open.count(), open.resetsAt());
        }
    }

    @Override
    public Optional<OpenWindow> current(String key, Instant now) {
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
