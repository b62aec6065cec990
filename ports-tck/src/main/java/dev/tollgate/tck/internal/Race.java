package dev.tollgate.tck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs the same call on many threads released at once by a start gate, to expose operations
 * that are not atomic. Any exception of any thread fails the race. Not part of the TCK's API.
 */
public final class Race {

    /** Threads in every race of the contract tests. */
    public static final int THREADS = 50;

    private static final long TIMEOUT_SECONDS = 60;

    private Race() {
    }

    /** Runs {@code call} with indexes 0 to {@code threads - 1}, all at once; answers the results by index. */
    public static <T> List<T> run(int threads, IntFunction<T> call) {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>(threads);
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    ready.countDown();
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate never opened");
                    }
                    return call.apply(index);
                }));
            }
            if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("racers did not get ready in time");
            }
            start.countDown();
            List<T> results = new ArrayList<>(threads);
            for (Future<T> future : futures) {
                results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException failed) {
            throw new AssertionError("a racer threw " + failed.getCause(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new AssertionError("a racer did not finish in " + TIMEOUT_SECONDS + "s", slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during a race", interrupted);
        } finally {
            executor.shutdownNow();
        }
    }

    /** {@link #run(int, IntFunction)} with {@link #THREADS} threads. */
    public static <T> List<T> run(IntFunction<T> call) {
        return run(THREADS, call);
    }
}
