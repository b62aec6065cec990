package dev.tollgate.port.spi.random;

import java.security.SecureRandom;

/**
 * Where Tollgate takes randomness from: tokens, one-time codes and the random bits of ids. Production uses
 * {@link #secure()}; tests may supply a deterministic source.
 */
@FunctionalInterface
public interface RandomSource {

    /** Fills {@code bytes} with random bytes. Thread-safe. */
    void nextBytes(byte[] bytes);

    /** The platform's strong random source. */
    static RandomSource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
