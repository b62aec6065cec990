package dev.tollgate.adapter.crypto;

/**
 * The cost and sizes of an Argon2id hash.
 *
 * <p>{@link #DEFAULTS} follow OWASP's recommendation for Argon2id (19 MiB of memory, 2
 * iterations, 1 lane). Smaller values are accepted down to the minimums of the Argon2
 * specification, so tests can hash quickly; production should not go below the defaults.
 *
 * @param memoryKib   memory per hash in KiB, at least 8 per lane
 * @param iterations  passes over the memory, at least 1
 * @param parallelism lanes, 1 to 2<sup>24</sup>-1
 * @param saltLength  salt bytes, at least 8
 * @param hashLength  output bytes, at least 4
 */
public record Argon2Parameters(int memoryKib, int iterations, int parallelism, int saltLength, int hashLength) {

    /** 19 MiB, 2 iterations, 1 lane, 16-byte salt, 32-byte hash. */
    public static final Argon2Parameters DEFAULTS = new Argon2Parameters(19_456, 2, 1, 16, 32);

    private static final int MAX_PARALLELISM = (1 << 24) - 1;
    private static final int MIN_MEMORY_KIB_PER_LANE = 8;
    private static final int MIN_SALT_LENGTH = 8;
    private static final int MIN_HASH_LENGTH = 4;

    public Argon2Parameters {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism must be 1 to " + MAX_PARALLELISM + ", was " + parallelism);
        }
        if (memoryKib < MIN_MEMORY_KIB_PER_LANE * parallelism) {
            throw new IllegalArgumentException("memoryKib must be at least 8 per lane (" + MIN_MEMORY_KIB_PER_LANE * parallelism
                    + " for parallelism " + parallelism + "), was " + memoryKib);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
        }
        if (saltLength < MIN_SALT_LENGTH) {
            throw new IllegalArgumentException("saltLength must be at least " + MIN_SALT_LENGTH + " bytes, was " + saltLength);
        }
        if (hashLength < MIN_HASH_LENGTH) {
            throw new IllegalArgumentException("hashLength must be at least " + MIN_HASH_LENGTH + " bytes, was " + hashLength);
        }
    }

    public Argon2Parameters withMemoryKib(int memoryKib) {
        return new Argon2Parameters(memoryKib, iterations, parallelism, saltLength, hashLength);
    }

    public Argon2Parameters withIterations(int iterations) {
        return new Argon2Parameters(memoryKib, iterations, parallelism, saltLength, hashLength);
    }

    public Argon2Parameters withParallelism(int parallelism) {
        return new Argon2Parameters(memoryKib, iterations, parallelism, saltLength, hashLength);
    }

    public Argon2Parameters withSaltLength(int saltLength) {
        return new Argon2Parameters(memoryKib, iterations, parallelism, saltLength, hashLength);
    }

    public Argon2Parameters withHashLength(int hashLength) {
        return new Argon2Parameters(memoryKib, iterations, parallelism, saltLength, hashLength);
    }
}
