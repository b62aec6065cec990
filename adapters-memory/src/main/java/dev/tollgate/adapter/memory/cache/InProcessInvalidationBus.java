package dev.tollgate.adapter.memory.cache;

import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bus of a store only one process uses (SQLite, the memory store): a notice goes straight
 * to this process's listeners, on the publishing thread, before {@link #publish} returns. It is
 * always connected, since there is no other process to hear from. A listener that throws is
 * logged and does not keep the notice from the others.
 */
public final class InProcessInvalidationBus implements InvalidationBus {

    private static final System.Logger LOG = System.getLogger(InProcessInvalidationBus.class.getName());

    private final CopyOnWriteArrayList<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    @Override
    public void publish(Invalidation invalidation) {
        Objects.requireNonNull(invalidation, "invalidation");
        if (closed) {
            return;
        }
        for (Consumer<Invalidation> listener : listeners) {
            try {
                listener.accept(invalidation);
            } catch (RuntimeException e) {
                // a listener's failure is its own: the others still hear the notice
                LOG.log(Level.WARNING, "an invalidation listener failed: " + e);
            }
        }
    }

    @Override
    public Listening subscribe(Consumer<Invalidation> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean connected() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        listeners.clear();
    }
}
