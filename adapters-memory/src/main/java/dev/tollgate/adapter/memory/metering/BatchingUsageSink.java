package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.settings.UsageSettings;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsageSink;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link UsageSink} that writes usage events off the verification's path: {@link #record}
 * only offers the event to a bounded queue (a full queue drops it and counts the drop, at once
 * or after waiting up to {@link UsageSettings#fullQueueWait()} for room), and one daemon thread, started by
 * the first event, writes the queue in batches of at most the batch size, at the latest after
 * the flush interval. A batch the store refuses is tried again, waiting longer each time, while
 * new events queue behind it (and are dropped once the queue is full). {@link #close} stops
 * taking events and writes what is queued; a batch the store still refuses then is dropped and
 * counted.
 *
 * <p>The same thread removes raw events older than the retention once an hour, of the tenants
 * it has written events of and of no other (servers of other tenants, sharing the database,
 * keep theirs by their own retention); daily aggregates stay.
 */
public final class BatchingUsageSink implements UsageSink, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BatchingUsageSink.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** How often the writer looks at the queue while it waits for a batch. */
    private static final long AWAIT_STEP_MILLIS = 10;

    private final UsageLog log;
    private final UsageSettings settings;
    private final ZoneId zone;
    private final Clock clock;
    private final BlockingQueue<UsageEvent> queue;
    /** Held while a batch is taken from the queue and written, so a flush sees every earlier event written. */
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong written = new AtomicLong();
    /** The tenants of the events written so far: the only ones whose old events this recorder purges. */
    private final Set<TenantId> tenants = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final Object lifecycle = new Object();
    private volatile Thread writer;
    private volatile boolean closed;
    private Instant nextPurge;

    public BatchingUsageSink(UsageLog log, UsageSettings settings, ZoneId zone, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    /**
     * Queues the event for writing. A queue that stays full for the settings' {@code fullQueueWait}
     * (by default not at all), a closed sink or an interrupt while waiting drops it and counts the drop.
     */
    @Override
    public void record(UsageEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed || !enqueue(event)) {
            dropped.incrementAndGet();
            return;
        }
        if (closed) {
            // close() ran between the check and the offer: its final flush may have missed this event
            flush();
            return;
        }
        startWriterOnce();
    }

    private boolean enqueue(UsageEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        if (settings.fullQueueWait().isZero()) {
            return false;
        }
        startWriterOnce();
        try {
            return queue.offer(event, settings.fullQueueWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes every event queued before this call, on the caller's thread. */
    @Override
    public void flush() {
        writing.lock();
        try {
            List<UsageEvent> batch = new ArrayList<>(settings.batchSize());
            while (queue.drainTo(batch, settings.batchSize()) > 0) {
                write(batch, false);
                batch.clear();
            }
        } finally {
            writing.unlock();
        }
    }

    /** Events written to the store so far. */
    public long written() {
        return written.get();
    }

    /** Events lost so far: queue full, recorder closed, or a store that refused them until the end. */
    public long dropped() {
        return dropped.get();
    }

    /** Events waiting in the queue. */
    public int pending() {
        return queue.size();
    }

    /** Store writes that failed so far (each retry counts). */
    public long failedWrites() {
        return failedWrites.get();
    }

    /**
     * Stops taking events, lets the writer finish its batch (waiting at most a flush interval
     * plus 10 seconds) and writes what is still queued on the caller's thread.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = writer;
        }
        if (running != null) {
            try {
                // not interrupted: a JDBC call cut short by an interrupt may leave its connection unusable
                running.join(settings.flushInterval().plus(CLOSE_WAIT).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private void startWriterOnce() {
        if (writer != null) {
            return;
        }
        synchronized (lifecycle) {
            if (writer == null && !closed) {
                Thread thread = new Thread(this::run, "tollgate-usage-recorder");
                thread.setDaemon(true);
                writer = thread;
                thread.start();
            }
        }
    }

    private void run() {
        List<UsageEvent> batch = new ArrayList<>(settings.batchSize());
        while (!closed) {
            try {
                awaitBatch();
                writing.lock();
                try {
                    while (queue.drainTo(batch, settings.batchSize()) > 0) {
                        write(batch, true);
                        batch.clear();
                        if (queue.size() < settings.batchSize()) {
                            break;
                        }
                    }
                } finally {
                    batch.clear();
                    writing.unlock();
                }
                purgeWhenDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "usage recorder: unexpected failure; continuing", e);
            }
        }
    }

    /**
     * Waits until a full batch is queued or the flush interval has passed. Events stay in the
     * queue meanwhile, so a {@link #flush} finds every one of them.
     */
    private void awaitBatch() throws InterruptedException {
        long deadline = System.nanoTime() + settings.flushInterval().toNanos();
        while (!closed && queue.size() < settings.batchSize() && System.nanoTime() - deadline < 0) {
            Thread.sleep(Math.max(1, Math.min(AWAIT_STEP_MILLIS, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /**
     * Writes the batch; on a store failure, while {@code retry} and not closed, waits and tries
     * again. A batch that cannot be written is dropped and counted.
     */
    private void write(List<UsageEvent> batch, boolean retry) {
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                log.append(batch, zone);
                written.addAndGet(batch.size());
                batch.forEach(event -> tenants.add(event.user().tenant()));
                return;
            } catch (RuntimeException e) {
                failedWrites.incrementAndGet();
                if (!retry || closed) {
                    dropped.addAndGet(batch.size());
                    LOG.log(Level.WARNING, "usage recorder: dropped " + batch.size() + " events the store refused: "
                            + e.getMessage());
                    return;
                }
                LOG.log(Level.WARNING, "usage recorder: the store refused a batch of " + batch.size()
                        + " events; trying again in " + wait.toMillis() + " ms: " + e.getMessage());
                pause(wait);
                wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            }
        }
    }

    /** Waits {@code length}, or less once the recorder is closed. */
    private void pause(Duration length) {
        long until = System.nanoTime() + length.toNanos();
        while (!closed && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void purgeWhenDue() {
        Instant now = clock.instant();
        if (nextPurge != null && now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        try {
            int purged = 0;
            for (TenantId tenant : tenants) {
                purged += log.purgeEventsBefore(tenant, now.minus(settings.retention()));
            }
            if (purged > 0) {
                LOG.log(Level.DEBUG, "usage recorder: removed " + purged + " events past their retention");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "usage recorder: purging old events failed; trying again in an hour: "
                    + e.getMessage());
        }
    }
}
