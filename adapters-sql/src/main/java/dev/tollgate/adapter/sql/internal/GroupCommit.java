package dev.tollgate.adapter.sql.internal;

import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.StoreUnavailableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Coalesces concurrent calls of one store operation into batches, each decided by one run of a
 * {@link Work} (one transaction), while every caller still waits for its own answer and gets it
 * only after its batch has committed.
 *
 * <p>Leader and followers, with no thread of its own and no timer: a caller that finds fewer
 * than {@code concurrency} batches running leads one, on its own thread, taking every request
 * queued at that moment (up to {@code maxBatch}), its own among them; a caller that finds them
 * all running queues its request and waits. A leader that is done hands the lead to the first
 * request still queued, or gives it up when none is. So a lone caller runs its batch of one at
 * once, and batches grow by themselves exactly while the database is busy.
 *
 * <p>If a batch fails, each of its callers gets the failure (a copy of the
 * {@link StoreUnavailableException} of the batch, naming the same operation and cause); the work
 * ran in one transaction, so nothing of it was applied. A batch the database refused for its
 * values ({@link StoreRejectedInputException}) is run again one request at a time, so only the
 * caller whose values were refused gets the refusal. A waiting caller that is interrupted goes
 * on waiting for its answer, keeping the interrupt for after it: its request may already be
 * part of a committed batch.
 *
 * @param <R> a request
 * @param <A> the answer to one request
 */
public final class GroupCommit<R, A> {

    /** Decides a batch of requests in one transaction. */
    @FunctionalInterface
    public interface Work<R, A> {

        /**
         * Decides {@code requests} (in arrival order, at least one) in one transaction and
         * commits it; answers one answer per request, in the same order.
         */
        List<A> run(List<R> requests);
    }

    private final Work<R, A> work;
    private final int maxBatch;
    private final int concurrency;
    private final ReentrantLock lock = new ReentrantLock();
    /** Requests not yet taken into a batch, in arrival order; guarded by {@link #lock}. */
    private final ArrayDeque<Pending<R, A>> queue = new ArrayDeque<>();
    /** Callers that hold the lead (running a batch or about to); guarded by {@link #lock}. */
    private int leaders;
    private final LongAdder batches = new LongAdder();
    private final LongAdder requests = new LongAdder();

    /**
     * @param work        decides one batch in one transaction
     * @param maxBatch    requests in one batch at most, at least 1
     * @param concurrency batches running at once at most (on as many connections), at least 1
     */
    public GroupCommit(Work<R, A> work, int maxBatch, int concurrency) {
        this.work = Objects.requireNonNull(work, "work");
        if (maxBatch < 1 || concurrency < 1) {
            throw new IllegalArgumentException("a group commit takes at least 1 request a batch and 1 batch at once");
        }
        this.maxBatch = maxBatch;
        this.concurrency = concurrency;
    }

    /**
     * Decides {@code request} in a batch with whatever other requests wait at the time, and
     * answers its answer once that batch has committed.
     *
     * @throws StoreUnavailableException when the batch's transaction failed (nothing of it was applied)
     * @throws StoreRejectedInputException when the database refused this request's own values
     */
    public A submit(R request) {
        Pending<R, A> pending = new Pending<>(Objects.requireNonNull(request, "request"), Thread.currentThread());
        lock.lock();
        try {
            queue.addLast(pending);
            if (leaders < concurrency) {
                leaders++;
                pending.leads = true;
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (true) {
            while (!pending.leads && !pending.done) {
                LockSupport.park(this);
                // the request may be in a batch that commits: its caller must learn the answer
                interrupted |= Thread.interrupted();
            }
            if (pending.leads) {
                interrupted |= Thread.interrupted();
                leadOneBatch(pending);
            }
            if (pending.done) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return pending.answer();
    }

    /** Requests waiting for a batch now (not those in a running batch). */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The batches run and requests decided so far, and the requests waiting now. */
    public BatchUsage usage() {
        return new BatchUsage(batches.sum(), requests.sum(), queued());
    }

    private void leadOneBatch(Pending<R, A> leader) {
        List<Pending<R, A>> batch = new ArrayList<>();
        lock.lock();
        try {
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                batch.add(queue.pollFirst());
            }
        } finally {
            lock.unlock();
        }
        try {
            if (!batch.isEmpty()) {
                decide(batch);
            }
        } finally {
            handOver(leader);
        }
    }

    /** Gives the lead to the first queued request that has none, or gives it up when none waits. */
    private void handOver(Pending<R, A> leader) {
        Pending<R, A> next = null;
        lock.lock();
        try {
            leader.leads = false;
            for (Iterator<Pending<R, A>> waiting = queue.iterator(); waiting.hasNext() && next == null; ) {
                Pending<R, A> candidate = waiting.next();
                if (!candidate.leads) {
                    next = candidate;
                }
            }
            if (next == null) {
                leaders--;
            } else {
                next.leads = true;
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    private void decide(List<Pending<R, A>> batch) {
        batches.increment();
        requests.add(batch.size());
        List<A> answers;
        try {
            answers = run(batch.stream().map(Pending::request).toList());
        } catch (StoreRejectedInputException refused) {
            if (batch.size() == 1) {
                fail(batch, refused);
            } else {
                decideOneByOne(batch);
            }
            return;
        } catch (RuntimeException | Error e) {
            fail(batch, e);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(answers.get(i), null);
        }
    }

    /** Runs each request of a refused batch alone, so the refusal reaches only the callers whose values it was. */
    private void decideOneByOne(List<Pending<R, A>> batch) {
        for (Pending<R, A> pending : batch) {
            batches.increment();
            try {
                pending.complete(run(List.of(pending.request())).get(0), null);
            } catch (RuntimeException | Error e) {
                pending.complete(null, e);
            }
        }
    }

    private List<A> run(List<R> requests) {
        List<A> answers = work.run(requests);
        if (answers == null || answers.size() != requests.size()) {
            throw new IllegalStateException("a batch of " + requests.size() + " requests got "
                    + (answers == null ? "no" : answers.size()) + " answers");
        }
        return answers;
    }

    private static <R, A> void fail(List<Pending<R, A>> batch, Throwable failure) {
        for (Pending<R, A> pending : batch) {
            pending.complete(null, failure);
        }
    }

    /** One caller's request, and its answer once its batch is decided. */
    private static final class Pending<R, A> {

        private final R request;
        private final Thread caller;
        /** Whether this caller holds the lead: written under the lock, read by the caller. */
        private volatile boolean leads;
        /** Set after {@link #answer} and {@link #failure}, so a caller that sees it sees them. */
        private volatile boolean done;
        private A answer;
        private Throwable failure;

        Pending(R request, Thread caller) {
            this.request = request;
            this.caller = caller;
        }

        R request() {
            return request;
        }

        void complete(A answer, Throwable failure) {
            this.answer = answer;
            this.failure = failure;
            this.done = true;
            LockSupport.unpark(caller);
        }

        /** The answer, or the batch's failure thrown anew on this caller's thread. */
        A answer() {
            if (failure == null) {
                return answer;
            }
            throw rethrown(failure);
        }

        /**
         * A copy of a store's exception (the same message and cause) for each caller, so no two
         * threads throw, and add to, one instance; anything else as it is, in a runtime exception.
         */
        private static RuntimeException rethrown(Throwable failure) {
            if (failure instanceof StoreRejectedInputException refused) {
                return new StoreRejectedInputException(refused.getMessage(), refused.getCause());
            }
            if (failure instanceof StoreUnavailableException unavailable) {
                return new StoreUnavailableException(unavailable.getMessage(), unavailable.getCause());
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return new IllegalStateException("a batch of this store failed", failure);
        }
    }
}
