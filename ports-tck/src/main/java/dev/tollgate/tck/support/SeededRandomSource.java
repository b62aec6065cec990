package dev.tollgate.tck.support;

import dev.tollgate.port.spi.random.RandomSource;
import java.util.Random;

/**
 * A deterministic {@link RandomSource}: the same seed gives the same bytes in the same order,
 * so a failing test can be replayed. Thread-safe. Never use it outside tests: its output is
 * predictable.
 */
public final class SeededRandomSource implements RandomSource {

    private final Random random;

    public SeededRandomSource(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        random.nextBytes(bytes);
    }
}
