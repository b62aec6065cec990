package dev.tollgate.adapter.redis.internal;

import io.lettuce.core.api.StatefulConnection;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One Redis connection that may not exist yet: Lettuce reconnects a connection it once made,
 * but not one whose first attempt failed (Redis down when the process started), so this holder
 * makes that first connection, attempting again each time {@link #attempt()} is called until one
 * succeeds. Never blocks its caller except in {@link #awaitFirstAttempt}.
 */
public final class LazyConnection<C extends StatefulConnection<?, ?>> implements AutoCloseable {

    private final Supplier<CompletionStage<C>> opener;
    private final Consumer<C> onFirstConnect;
    private final Consumer<Throwable> onFailedAttempt;
    private final AtomicBoolean attempting = new AtomicBoolean();
    private volatile CompletionStage<C> firstAttempt;
    private volatile C connection;
    private volatile boolean closed;

    /**
     * @param opener          starts one connection attempt
     * @param onFirstConnect  runs once, with the connection, when one is made (before it is handed out)
     * @param onFailedAttempt runs with the cause of each failed attempt
     */
    public LazyConnection(Supplier<CompletionStage<C>> opener, Consumer<C> onFirstConnect,
            Consumer<Throwable> onFailedAttempt) {
        this.opener = opener;
        this.onFirstConnect = onFirstConnect;
        this.onFailedAttempt = onFailedAttempt;
    }

    /** Starts an attempt unless connected, closed or already attempting. */
    public void attempt() {
        if (connection != null || closed || !attempting.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<C> stage;
        try {
            stage = opener.get();
        } catch (RuntimeException e) {
            attempting.set(false);
            onFailedAttempt.accept(e);
            return;
        }
        if (firstAttempt == null) {
            firstAttempt = stage;
        }
        stage.whenComplete((made, failure) -> {
            try {
                if (made == null) {
                    onFailedAttempt.accept(failure);
                } else if (closed) {
                    made.closeAsync();
                } else {
                    onFirstConnect.accept(made);
                    connection = made;
                }
            } finally {
                attempting.set(false);
            }
        });
    }

    /** Waits up to {@code millis} for the first attempt to end, successfully or not. */
    public void awaitFirstAttempt(long millis) {
        CompletionStage<C> first = firstAttempt;
        if (first == null) {
            return;
        }
        try {
            first.toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // failed or still trying: the caller starts anyway, and attempts go on in the background
        }
    }

    /** The connection once made (it may be down for now: Lettuce reconnects it). */
    public Optional<C> get() {
        return Optional.ofNullable(connection);
    }

    /** Whether the connection is made and up now. */
    public boolean isOpen() {
        C made = connection;
        return made != null && made.isOpen();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        C made = connection;
        if (made != null) {
            made.close();
        }
    }
}
