package dev.tollgate.adapter.caffeine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Window counters held in this process with Caffeine: exact among the threads of one process
 * and free of any store round trip, but each process counts alone and forgets on restart. For
 * one node that is the cheap choice; with several nodes the limits multiply by their number,
 * and the store's counters are the exact choice.
 *
 * <p>Each key's window is one entry, changed atomically ({@code compute}); an entry is dropped
 * once its window has ended (by Caffeine's own clock) or when more than the set number of keys
 * are held, the least recently used first, which can only let a caller start a fresh window
 * early, never count one twice.
 */
public final class CaffeineWindowCounters implements WindowCounters {

    /** Keys held at most by default. */
    public static final long DEFAULT_MAXIMUM_KEYS = 1_000_000;

    private final Cache<String, Window> windows;

    private CaffeineWindowCounters(long maximumKeys) {
        this.windows = Caffeine.newBuilder()
                .maximumSize(maximumKeys)
                .expireAfter(new Expiry<String, Window>() {
                    @Override
                    public long expireAfterCreate(String key, Window window, long currentTime) {
                        return window.length().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Window window, long currentTime, long currentDuration) {
                        return window.fresh() ? window.length().toNanos() : currentDuration;
                    }

                    @Override
                    public long expireAfterRead(String key, Window window, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** Counters holding at most {@link #DEFAULT_MAXIMUM_KEYS} keys. */
    public static CaffeineWindowCounters create() {
        return create(DEFAULT_MAXIMUM_KEYS);
    }

    /** Counters holding at most {@code maximumKeys} keys. */
    public static CaffeineWindowCounters create(long maximumKeys) {
        if (maximumKeys < 1) {
            throw new IllegalArgumentException("maximumKeys must be at least 1");
        }
        return new CaffeineWindowCounters(maximumKeys);
    }

    @Override
    public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(now, "now");
        Acquisition[] answer = new Acquisition[1];
        windows.asMap().compute(key.value(), (name, current) -> {
            if (current == null || !current.end().isAfter(now)) {
                Window opened = new Window(1, now.plus(limit.window()), limit.window(), true);
                answer[0] = Acquisition.granted(1, opened.end());
                return opened;
            }
            if (current.count() < limit.limit()) {
                Window counted = new Window(current.count() + 1, current.end(), current.length(), false);
                answer[0] = Acquisition.granted(counted.count(), counted.end());
                return counted;
            }
            answer[0] = Acquisition.refused(current.count(), current.end());
            return current;
        });
        return answer[0];
    }

    @Override
    public Optional<OpenWindow> current(CounterKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        return Optional.ofNullable(windows.getIfPresent(key.value()))
                .filter(open -> open.end().isAfter(now))
                .map(open -> new OpenWindow(open.count(), open.end()));
    }

    /** One key's window: its count, when it ends, how long it lasts, and whether it was just opened. */
    private record Window(int count, Instant end, Duration length, boolean fresh) {
    }
}
