package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Cache invalidations between the processes on one PostgreSQL database, over
 * {@code LISTEN/NOTIFY} on a connection of the bus's own (a pooled connection cannot listen).
 */
public final class PostgresInvalidationBus implements InvalidationBus {

    /** The channel every Tollgate process on a database listens on. */
    public static final String CHANNEL = "tollgate_invalidation";

    private PostgresInvalidationBus() {
    }

    /** A bus with a connection of its own to {@code jdbcUrl}, as the stores' pool connects. */
    public static PostgresInvalidationBus connecting(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        throw new UnsupportedOperationException("not built yet (issue 12)");
    }

    /** A bus that keeps one connection of {@code dataSource} for listening, for as long as it is open. */
    public static PostgresInvalidationBus through(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        throw new UnsupportedOperationException("not built yet (issue 12)");
    }

    @Override
    public void publish(Invalidation invalidation) {
        throw new UnsupportedOperationException("not built yet (issue 12)");
    }

    @Override
    public Listening subscribe(Consumer<Invalidation> listener) {
        throw new UnsupportedOperationException("not built yet (issue 12)");
    }

    @Override
    public boolean connected() {
        return false;
    }

    @Override
    public void close() {
    }
}
