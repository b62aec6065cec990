package dev.tollgate.adapter.sql.internal;

import dev.tollgate.adapter.sql.lease.LeaseSettings;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the leasing stores of one process share: the name it holds leases under (new each time
 * the stores open, so a restarted process never mistakes a dead one's leases for its own), the
 * settings, and one background thread that gives back expired leases and forfeits those that
 * other processes left behind.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = System.getLogger(LeaseKeeper.class.getName());
    /** How often expired leases are given back and forsaken ones forfeited. */
    private static final long TICK_MILLIS = 50;
    /** How often a call that found too little left looks again whether other processes' leases are back. */
    private static final long WAIT_STEP_MILLIS = 25;

    /** What a leasing store does on each tick and at the end. */
    public interface Tenure {
        /** Gives back the leases whose time is up. */
        void returnExpired();

        /** Forfeits the leases of any holder that expired more than the grace ago. */
        void forfeitForsaken();

        /** Gives back every lease still held. */
        void returnAll();
    }

    private final String holder = UUID.randomUUID().toString();
    private final LeaseSettings settings;
    private final List<Tenure> tenures = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker;
    private final AtomicLong generations = new AtomicLong();
    private long ticks;

    public LeaseKeeper(LeaseSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tollgate-leases");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The name this process holds leases under. */
    public String holder() {
        return holder;
    }

    public LeaseSettings settings() {
        return settings;
    }

    /**
     * How long before its deadline the thread renews a lease or gives it back: three ticks, and
     * at most a quarter of the lifetime, so a busy lease is renewed before a call finds it expired.
     */
    public long aheadNanos() {
        return Math.min(TimeUnit.MILLISECONDS.toNanos(3 * TICK_MILLIS), lifetimeNanos() / 4);
    }

    /** The lifetime of a lease in nanoseconds of {@link System#nanoTime()}. */
    public long lifetimeNanos() {
        return settings.lifetime().toNanos();
    }

    public void register(Tenure tenure) {
        tenures.add(Objects.requireNonNull(tenure, "tenure"));
    }

    /** A new generation for a lease row of this holder, never one used before. */
    public long nextGeneration() {
        return generations.incrementAndGet();
    }

    private void tick() {
        boolean sweep = ticks++ % Math.max(1, settings.grace().toMillis() / TICK_MILLIS / 2) == 0;
        for (Tenure tenure : tenures) {
            try {
                tenure.returnExpired();
                if (sweep) {
                    tenure.forfeitForsaken();
                }
            } catch (RuntimeException e) {
                // the database is away: what was not given back stays leased and is forfeited after its expiry
                LOG.log(Level.WARNING, "giving back expired leases failed: {0}", e.getMessage());
            }
        }
    }

    /**
     * After a refusal: while {@code othersHold} says other processes hold leases of the row
     * (forfeiting those expired past the grace as it looks), waits for them to come back, at
     * most {@link LeaseSettings#longestWait()}; then decides again with {@code again}.
     */
    public <T> T awaitOthers(BooleanSupplier othersHold, Supplier<T> again) {
        long deadline = System.nanoTime() + settings.longestWait().toNanos();
        while (othersHold.getAsBoolean() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return again.get();
    }

    /** Stops the thread and gives back every lease still held. */
    @Override
    public void close() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Tenure tenure : tenures) {
            try {
                tenure.returnAll();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "giving back leases at close failed; they are forfeited after expiring: {0}",
                        e.getMessage());
            }
        }
    }
}
