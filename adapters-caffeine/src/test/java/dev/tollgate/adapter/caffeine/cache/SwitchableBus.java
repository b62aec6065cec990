package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.adapter.memory.cache.InProcessInvalidationBus;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** An in-process bus whose connection a test takes down and brings back, and that keeps what was published. */
final class SwitchableBus implements InvalidationBus {

    private final InProcessInvalidationBus bus = new InProcessInvalidationBus();
    final List<Invalidation> published = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;

    void down() {
        up = false;
    }

    /** Back up, handing listeners {@link Invalidation#everything()} as a real bus does; {@code false}: it does not say so. */
    void up(boolean announce) {
        up = true;
        if (announce) {
            bus.publish(Invalidation.everything());
        }
    }

    /** A notice from another process: heard, not published here. */
    void hear(Invalidation notice) {
        bus.publish(notice);
    }

    @Override
    public void publish(Invalidation invalidation) {
        published.add(invalidation);
        bus.publish(invalidation);
    }

    @Override
    public Listening subscribe(Consumer<Invalidation> listener) {
        return bus.subscribe(listener);
    }

    @Override
    public boolean connected() {
        return up && bus.connected();
    }

    @Override
    public void close() {
        bus.close();
    }
}
