package dev.tollgate.core.secret;

import dev.tollgate.port.spi.random.RandomSource;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Makes UUIDv7 ids (RFC 9562): 48 bits of Unix milliseconds from the clock, then random bits.
 * Ids from one generator are strictly increasing, also within one millisecond (a 12-bit
 * counter in {@code rand_a}, seeded randomly each millisecond), so stores can page by id and
 * index inserts stay local.
 */
public final class TimeOrderedIds {

    private static final int COUNTER_MASK = 0xFFF;

    private final Clock clock;
    private final RandomSource random;
    private long lastMillis = -1;
    private int counter;

    public TimeOrderedIds(Clock clock, RandomSource random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public UUID next() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        ByteBuffer entropy = ByteBuffer.wrap(bytes);
        long millis;
        int sequence;
        synchronized (this) {
            millis = Math.max(clock.millis(), lastMillis);
            if (millis == lastMillis) {
                counter++;
                if (counter > COUNTER_MASK) {
                    millis++;
                    counter = entropy.getShort(8) & 0x7FF;
                }
            } else {
                // the top bit stays clear, leaving room for 2048 more ids in this millisecond
                counter = entropy.getShort(8) & 0x7FF;
            }
            lastMillis = millis;
            sequence = counter;
        }
        long high = (millis << 16) | (0x7L << 12) | sequence;
        long low = (entropy.getLong(0) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
