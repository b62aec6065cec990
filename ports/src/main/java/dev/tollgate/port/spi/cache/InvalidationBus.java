package dev.tollgate.port.spi.cache;

import java.util.function.Consumer;

/**
 * Carries {@link Invalidation}s between the processes sharing a store, so each can keep
 * lookups in memory and still drop them within a second of a change made anywhere: a revoked
 * key, a suspended user, a changed plan, an ended session. A bus over PostgreSQL uses
 * {@code LISTEN/NOTIFY}, one over Redis pub/sub, one in a single process calls its listeners
 * directly.
 *
 * <p>Delivery is at most once and unordered; a bus that may have missed notices (its
 * connection dropped) says so through {@link #connected()} and, once it is back, hands every
 * listener {@link Invalidation#everything()}. A cache therefore serves what it holds only while
 * its bus is connected and drops it all on reconnection, so a missed notice never keeps stale
 * data alive.
 */
public interface InvalidationBus extends AutoCloseable {

    /**
     * Sends {@code invalidation} to the listeners of every bus on the same channel, this one's
     * included. Never blocks for long and never throws for a failed send: a bus that cannot send
     * stops being {@link #connected()} until it can.
     */
    void publish(Invalidation invalidation);

    /**
     * Calls {@code listener} with each notice received from now on, on a thread of the bus's
     * (a listener must be quick and must not throw), and with {@link Invalidation#everything()}
     * after a reconnection.
     */
    Listening subscribe(Consumer<Invalidation> listener);

    /**
     * Whether notices from other processes reach this bus now (its connection is up and
     * listening). A single-process bus is always connected.
     */
    boolean connected();

    /** Stops listening and closes the bus's connection; listeners are called no more. */
    @Override
    void close();

    /** A subscription: {@link #close()} ends it. */
    interface Listening extends AutoCloseable {
        @Override
        void close();
    }
}
