package dev.tollgate.adapter.sql.internal;

import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.StoreUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import org.junit.jupiter.api.Test;

/**
 * The group commit with a stand-in for the transaction: a work that records each batch it is
 * given. The first batch can be held open, so the test knows which callers queue behind it
 * (by {@link GroupCommit#queued()}, never by time).
 */
class GroupCommitTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final List<Thread> batchThreads = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
    private final CountDownLatch firstBatchRuns = new CountDownLatch(1);

    @AfterEach
    void stopCallers() {
        firstBatchMayEnd.countDown();
        callers.shutdownNow();
    }

    /** Answers each request doubled; holds the first batch until {@link #firstBatchMayEnd}. */
    private List<Integer> doubling(List<Integer> requests) {
        batches.add(List.copyOf(requests));
        batchThreads.add(Thread.currentThread());
        if (batches.size() == 1) {
            firstBatchRuns.countDown();
            await(firstBatchMayEnd);
        }
        return requests.stream().map(request -> request * 2).toList();
    }

    @Test
    void aLoneCaller_isServedAtOnce_onItsOwnThread_inABatchOfOne() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(requests -> {
            batches.add(List.copyOf(requests));
            batchThreads.add(Thread.currentThread());
            return requests.stream().map(request -> request * 2).toList();
        }, 256, 1);

        assertThat(commit.submit(21)).isEqualTo(42);
        assertThat(commit.submit(5)).isEqualTo(10);

        assertThat(batches).containsExactly(List.of(21), List.of(5));
        assertThat(batchThreads).containsOnly(Thread.currentThread());
        assertThat(commit.usage()).isEqualTo(new BatchUsage(2, 2, 0));
    }

    @Test
    void callersArrivingWhileABatchRuns_shareTheNextBatch_inArrivalOrder_eachGettingItsOwnAnswer() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(this::doubling, 256, 1);
        Future<Integer> first = callers.submit(() -> commit.submit(0));
        await(firstBatchRuns);
        List<Future<Integer>> followers = new ArrayList<>();
        for (int i = 1; i <= 63; i++) {
            int request = i;
            followers.add(callers.submit(() -> commit.submit(request)));
            // one at a time, so the queue's order is known
            assertThat(holds(() -> commit.queued() == request)).as("caller %d queued", request).isTrue();
        }
        firstBatchMayEnd.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
        for (int i = 0; i < followers.size(); i++) {
            assertThat(followers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(2 * (i + 1));
        }
        assertThat(batches).containsExactly(List.of(0), IntStream.rangeClosed(1, 63).boxed().toList());
        assertThat(commit.usage()).isEqualTo(new BatchUsage(2, 64, 0));
    }

    @Test
    void aBatchTakesAtMostItsCap_andTheRestFollowInTheNext() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(this::doubling, 4, 1);
        Future<Integer> first = callers.submit(() -> commit.submit(0));
        await(firstBatchRuns);
        List<Future<Integer>> followers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            int request = i;
            followers.add(callers.submit(() -> commit.submit(request)));
            assertThat(holds(() -> commit.queued() == request)).isTrue();
        }
        firstBatchMayEnd.countDown();

        first.get(30, TimeUnit.SECONDS);
        for (Future<Integer> follower : followers) {
            follower.get(30, TimeUnit.SECONDS);
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6));
    }

    @Test
    void aFailedBatch_failsEachOfItsCallers_withTheStoresException_andNotTheBatchBefore() throws Exception {
        StoreUnavailableException failure = new StoreUnavailableException("PostgreSQL store: consume meter failed "
                + "(SQL state 08006)", new SQLException("connection lost", "08006"));
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(requests -> {
            List<Integer> answers = doubling(requests);
            if (batches.size() == 2) {
                throw failure;
            }
            return answers;
        }, 256, 1);
        Future<Integer> first = callers.submit(() -> commit.submit(0));
        await(firstBatchRuns);
        List<Future<Integer>> followers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int request = i;
            followers.add(callers.submit(() -> commit.submit(request)));
            assertThat(holds(() -> commit.queued() == request)).isTrue();
        }
        firstBatchMayEnd.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
        for (Future<Integer> follower : followers) {
            assertThatThrownBy(() -> follower.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StoreUnavailableException.class)
                    .hasMessage(failure.getMessage())
                    .hasCause(failure.getCause());
        }
        assertThat(batches).hasSize(2);
        assertThat(commit.submit(99)).as("the next batch runs as usual").isEqualTo(198);
    }

    @Test
    void aBatchRefusedForItsValues_isDecidedOneRequestAtATime_soOnlyTheRefusedCallerFails() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(requests -> {
            List<Integer> answers = doubling(requests);
            if (requests.contains(-1)) {
                throw new StoreRejectedInputException("SQLite store: consume meter refused the values given");
            }
            return answers;
        }, 256, 1);
        Future<Integer> first = callers.submit(() -> commit.submit(0));
        await(firstBatchRuns);
        List<Future<Integer>> followers = new ArrayList<>();
        int[] requests = {1, -1, 2};
        for (int i = 0; i < requests.length; i++) {
            int request = requests[i];
            int queued = i + 1;
            followers.add(callers.submit(() -> commit.submit(request)));
            assertThat(holds(() -> commit.queued() == queued)).isTrue();
        }
        firstBatchMayEnd.countDown();

        assertThat(followers.get(0).get(30, TimeUnit.SECONDS)).isEqualTo(2);
        assertThatThrownBy(() -> followers.get(1).get(30, TimeUnit.SECONDS))
                .cause().isInstanceOf(StoreRejectedInputException.class);
        assertThat(followers.get(2).get(30, TimeUnit.SECONDS)).isEqualTo(4);
        assertThat(batches).containsExactly(List.of(0), List.of(1, -1, 2), List.of(1), List.of(-1), List.of(2));
    }

    @Test
    void anInterruptedWaitingCaller_stillGetsTheAnswerOfItsBatch_andKeepsTheInterrupt() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(this::doubling, 256, 1);
        Future<Integer> first = callers.submit(() -> commit.submit(0));
        await(firstBatchRuns);
        CompletableFuture<Boolean> keptInterrupt = new CompletableFuture<>();
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        Thread waiting = new Thread(() -> {
            try {
                answer.complete(commit.submit(7));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
            keptInterrupt.complete(Thread.currentThread().isInterrupted());
        });
        waiting.start();
        assertThat(holds(() -> commit.queued() == 1)).isTrue();

        waiting.interrupt();
        firstBatchMayEnd.countDown();

        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(14);
        assertThat(keptInterrupt.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(batches).containsExactly(List.of(0), List.of(7));
    }

    @Test
    void anInterruptedLeader_runsItsBatchUninterrupted() {
        AtomicInteger interruptedRuns = new AtomicInteger();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(requests -> {
            if (Thread.currentThread().isInterrupted()) {
                interruptedRuns.incrementAndGet();
            }
            return requests;
        }, 256, 1);

        Thread.currentThread().interrupt();
        try {
            assertThat(commit.submit(3)).isEqualTo(3);
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(interruptedRuns).hasValue(0);
    }

    @Test
    void withTwoBatchesAtOnce_aSecondLeaderRunsWhileTheFirstBatchIsOpen() throws Exception {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(this::doubling, 256, 2);
        Future<Integer> first = callers.submit(() -> commit.submit(0));
        await(firstBatchRuns);

        assertThat(callers.submit(() -> commit.submit(1)).get(30, TimeUnit.SECONDS)).isEqualTo(2);
        firstBatchMayEnd.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(batches).containsExactly(List.of(0), List.of(1));
    }

    @Test
    void manyCallersAtOnce_eachGetTheirOwnAnswer_andEveryRequestIsDecidedOnce() throws Exception {
        List<Integer> decided = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(requests -> {
            decided.addAll(requests);
            return requests.stream().map(request -> -request).toList();
        }, 16, 2);
        int threads = 64;
        int callsEach = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(callers.submit(() -> {
                await(start);
                boolean allOwn = true;
                for (int call = 0; call < callsEach; call++) {
                    int request = thread * callsEach + call + 1;
                    allOwn &= commit.submit(request) == -request;
                }
                return allOwn;
            }));
        }
        start.countDown();

        for (Future<Boolean> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(decided).hasSize(threads * callsEach).doesNotHaveDuplicates();
        BatchUsage usage = commit.usage();
        assertThat(usage.requests()).isEqualTo(threads * callsEach);
        assertThat(usage.waiting()).isZero();
    }

    @Test
    void aWorkThatAnswersTooFew_failsItsCallers_andLeavesTheNextBatchRunning() {
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(requests -> requests.get(0) < 0 ? List.of() : requests,
                256, 1);

        assertThatThrownBy(() -> commit.submit(-1)).isInstanceOf(IllegalStateException.class);
        assertThat(commit.submit(1)).isEqualTo(1);
    }

    private static boolean holds(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("a latch was never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
