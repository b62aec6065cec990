package dev.tollgate.benchmarks;

import dev.tollgate.core.secret.Secrets;
import dev.tollgate.port.spi.random.RandomSource;
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
 * The digest every API key check and token lookup makes ({@link Secrets#digest}: HMAC-SHA-256
 * of an API key under the master key), in nanoseconds, on one thread and on 32 at once (the
 * request threads of the wrk benchmark).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class DigestBenchmark {

    private Secrets secrets;
    private String key;

    @Setup(Level.Trial)
    public void open() {
        secrets = new Secrets(RandomSource.secure(), new byte[32]);
        key = "tg_" + secrets.newToken();
    }

    @Benchmark
    public String oneThread() {
        return secrets.digest("api-key", key);
    }

    @Benchmark
    @Threads(32)
    public String manyThreads() {
        return secrets.digest("api-key", key);
    }
}
