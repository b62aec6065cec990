package dev.tollgate.benchmarks;

import dev.tollgate.adapter.crypto.Argon2Parameters;
import dev.tollgate.adapter.crypto.Argon2idPasswordHasher;
import dev.tollgate.port.spi.password.PasswordCheck;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Argon2id password check at the production parameters ({@link Argon2Parameters#DEFAULTS},
 * what a login costs besides its store calls), in milliseconds: on one thread, which gives the
 * physical login limit {@code cores / time}, and on two threads at once, which shows whether two
 * hashes running in parallel slow each other (memory bandwidth, a shared core). A hash for a
 * new password (registration) is measured on one thread too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class HashBenchmark {

    private Argon2idPasswordHasher hasher;
    private String encoded;

    @Setup(Level.Trial)
    public void open() {
        hasher = Argon2idPasswordHasher.with(Argon2Parameters.DEFAULTS);
        encoded = hasher.hash(CoreOnStore.PASSWORD);
    }

    /** A login's check of the right password, one thread: the time the limit is computed from. */
    @Benchmark
    @Threads(1)
    public PasswordCheck verifyOneThread() {
        return matched(hasher.verify(CoreOnStore.PASSWORD, encoded));
    }

    /** The same check on two threads at once: equal to one thread's time if hashes do not interfere. */
    @Benchmark
    @Threads(2)
    public PasswordCheck verifyTwoThreads() {
        return matched(hasher.verify(CoreOnStore.PASSWORD, encoded));
    }

    /** A new salted hash of a password (registration, password change), one thread. */
    @Benchmark
    @Threads(1)
    public String hashOneThread() {
        return hasher.hash(CoreOnStore.PASSWORD);
    }

    private static PasswordCheck matched(PasswordCheck check) {
        if (check != PasswordCheck.MATCH) {
            throw new IllegalStateException("the right password did not match: " + check);
        }
        return check;
    }
}
