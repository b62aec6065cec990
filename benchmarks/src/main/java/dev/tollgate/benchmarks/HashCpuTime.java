package dev.tollgate.benchmarks;

import dev.tollgate.adapter.crypto.Argon2Parameters;
import dev.tollgate.adapter.crypto.Argon2idPasswordHasher;
import dev.tollgate.port.spi.password.PasswordCheck;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * The CPU time (not the wall time) of one Argon2id password check at the production
 * parameters, what {@link HashBenchmark} measures but unaffected by other processes taking the
 * cores, so the login benchmark can compare it with the server's CPU time per login on a busy
 * machine. With two threads, both check at once: more CPU time per check than on one thread
 * means parallel hashes slow each other (the shared cache and memory bandwidth; 19 MiB each).
 * Prints the median CPU milliseconds per check over the threads' measured rounds. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.tollgate.benchmarks.HashCpuTime [checks] [threads]}.
 */
public final class HashCpuTime {

    private static final int ROUNDS = 5;

    private HashCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int threadCount = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.with(Argon2Parameters.DEFAULTS);
        String encoded = hasher.hash(CoreOnStore.PASSWORD);
        double[] perCheck = new double[threadCount * ROUNDS];
        CyclicBarrier together = new CyclicBarrier(threadCount);
        Thread[] threads = new Thread[threadCount];
        for (int t = 0; t < threadCount; t++) {
            int first = t * ROUNDS;
            threads[t] = new Thread(() -> measure(hasher, encoded, checks, together, perCheck, first), "hash-" + t);
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Arrays.sort(perCheck);
        System.out.printf(Locale.ROOT, "%.3f%n", perCheck[perCheck.length / 2]);
    }

    private static void measure(Argon2idPasswordHasher hasher, String encoded, int checks, CyclicBarrier together,
            double[] perCheck, int first) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try {
            // round 0 warms up (native library, first allocations) and is left out
            for (int round = 0; round <= ROUNDS; round++) {
                together.await();
                long started = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < checks; i++) {
                    if (hasher.verify(CoreOnStore.PASSWORD, encoded) != PasswordCheck.MATCH) {
                        throw new IllegalStateException("the right password did not match");
                    }
                }
                if (round > 0) {
                    perCheck[first + round - 1] = (cpu.getCurrentThreadCpuTime() - started) / 1e6 / checks;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
