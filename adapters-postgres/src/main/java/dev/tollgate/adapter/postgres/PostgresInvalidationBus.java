package dev.tollgate.adapter.postgres;

import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import java.lang.System.Logger.Level;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Cache invalidations between the processes on one PostgreSQL database, over
 * {@code LISTEN/NOTIFY} on a connection of the bus's own (a pooled connection cannot listen).
 *
 * <p>A daemon thread listens on that connection, checking it at least every
 * {@link #HEALTH_CHECK_EVERY} so that a connection that died silently is noticed within a
 * second; when it breaks, the bus is not {@link #connected()} and reconnects with a growing
 * pause (up to {@link #MAX_BACKOFF}), then hands every listener
 * {@link Invalidation#everything()} before it says it is connected again. Notices are sent by
 * another daemon thread on another connection ({@code SELECT pg_notify(...)}, several at once
 * when they queue up), so {@link #publish} only queues and never waits for the database; a
 * notice that cannot be sent leaves the bus disconnected until it is. Opening a bus waits a few
 * seconds at most for it to listen, so a process normally starts with its cache in use.
 */
public final class PostgresInvalidationBus implements InvalidationBus {

    /** The channel every Tollgate process on a database listens on. */
    public static final String CHANNEL = "tollgate_invalidation";
    /** The {@code application_name} of the listening connection, as {@code pg_stat_activity} shows it. */
    public static final String LISTENER_NAME = "tollgate-invalidation";
    /** The {@code application_name} of the connection notices are sent on. */
    public static final String PUBLISHER_NAME = "tollgate-invalidation-publisher";
    /** How often the listening connection is checked when no notice arrives. */
    public static final Duration HEALTH_CHECK_EVERY = Duration.ofMillis(250);
    /** The longest pause between two attempts to reconnect. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(PostgresInvalidationBus.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    /** How long opening a bus waits for it to listen, so a process starts with its cache in use. */
    private static final Duration FIRST_LISTEN_PATIENCE = Duration.ofSeconds(5);
    /** How long one exchange on a connection may take before the connection counts as dead. */
    private static final int NETWORK_TIMEOUT_MILLIS = 500;
    /** Notices waiting to be sent at most; beyond, they are replaced by one notice of everything. */
    private static final int MAX_QUEUED = 10_000;
    private static final int MAX_BATCH = 500;
    /** Runs the driver's network-timeout callbacks on its own thread. */
    private static final Executor DIRECT = Runnable::run;

    private final ConnectionSource source;
    private final CopyOnWriteArrayList<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Invalidation> outbox = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final Thread listener;
    private final Thread publisher;
    private volatile boolean listening;
    private volatile boolean sending = true;
    private volatile boolean closed;

    private PostgresInvalidationBus(ConnectionSource source) {
        this.source = source;
        this.listener = daemon(this::listen, "tollgate-invalidation-listener");
        this.publisher = daemon(this::send, "tollgate-invalidation-publisher");
        listener.start();
        publisher.start();
        try {
            // not listening by then, it goes on trying in the background, and lookups read the store meanwhile
            firstListen.await(FIRST_LISTEN_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bus with a connection of its own to {@code jdbcUrl}, as the stores' pool connects. */
    public static PostgresInvalidationBus connecting(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return new PostgresInvalidationBus(applicationName -> {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("ApplicationName", applicationName);
            return DriverManager.getConnection(jdbcUrl, properties);
        });
    }

    /** A bus that keeps one connection of {@code dataSource} for listening, for as long as it is open. */
    public static PostgresInvalidationBus through(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new PostgresInvalidationBus(applicationName -> {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET application_name = '" + applicationName + "'");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        });
    }

    @Override
    public void publish(Invalidation invalidation) {
        Objects.requireNonNull(invalidation, "invalidation");
        if (closed) {
            return;
        }
        if (!outbox.offer(invalidation)) {
            // the database has been out of reach for long: one notice of everything says it all
            overflowed.set(true);
            sending = false;
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
        return listening && sending && !closed;
    }

    @Override
    public void close() {
        closed = true;
        listening = false;
        listeners.clear();
        listener.interrupt();
        publisher.interrupt();
        join(listener);
        join(publisher);
    }

    private void listen() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try (Connection connection = source.open(LISTENER_NAME)) {
                prepare(connection);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notices = connection.unwrap(PGConnection.class);
                // notices may have been missed before LISTEN took effect: whatever is held goes
                deliver(Invalidation.everything());
                listening = true;
                firstListen.countDown();
                backoff = FIRST_BACKOFF;
                try {
                    receive(connection, notices);
                } finally {
                    listening = false;
                    forget(connection);
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    return;
                }
                LOG.log(Level.WARNING, "cache invalidations from other processes are not arriving ("
                        + describe(e) + "); lookups are read from the store; reconnecting in " + backoff.toMillis()
                        + " ms");
            }
            if (!pause(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Hands on notices until the connection fails or the bus closes, checking the connection meanwhile. */
    private void receive(Connection connection, PGConnection notices) throws SQLException {
        long checkedAt = System.nanoTime();
        while (!closed) {
            PGNotification[] received = notices.getNotifications((int) HEALTH_CHECK_EVERY.toMillis());
            if (received != null) {
                for (PGNotification notice : received) {
                    if (CHANNEL.equals(notice.getName())) {
                        deliver(decode(notice.getParameter()));
                    }
                }
            }
            if (System.nanoTime() - checkedAt >= HEALTH_CHECK_EVERY.toNanos()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                checkedAt = System.nanoTime();
            }
        }
    }

    private void send() {
        Connection connection = null;
        Duration backoff = FIRST_BACKOFF;
        List<Invalidation> batch = new ArrayList<>();
        while (!closed || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Invalidation first = outbox.poll(1, TimeUnit.SECONDS);
                    if (first != null) {
                        batch.add(first);
                        outbox.drainTo(batch, MAX_BATCH - 1);
                    }
                    if (overflowed.getAndSet(false)) {
                        batch.clear();
                        batch.add(Invalidation.everything());
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                }
            } catch (InterruptedException e) {
                if (closed && batch.isEmpty() && outbox.isEmpty()) {
                    break;
                }
                outbox.drainTo(batch, MAX_BATCH - batch.size());
                if (batch.isEmpty()) {
                    continue;
                }
            }
            try {
                if (connection == null) {
                    connection = source.open(PUBLISHER_NAME);
                    prepare(connection);
                }
                notify(connection, batch);
                batch.clear();
                sending = !overflowed.get();
                backoff = FIRST_BACKOFF;
            } catch (SQLException | RuntimeException e) {
                sending = false;
                forget(connection);
                connection = null;
                if (closed) {
                    break; // the bus is closing: what could not be sent now is not sent
                }
                LOG.log(Level.WARNING, "cache invalidations cannot be sent to other processes (" + describe(e)
                        + "); lookups are read from the store; retrying in " + backoff.toMillis() + " ms");
                if (!pause(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        forget(connection);
    }

    private static void notify(Connection connection, List<Invalidation> batch) throws SQLException {
        String[] payloads = batch.stream().map(Invalidation::encode).distinct().toArray(String[]::new);
        Array array = connection.createArrayOf("text", payloads);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_notify(?, payload) FROM unnest(?) AS payload")) {
            statement.setString(1, CHANNEL);
            statement.setArray(2, array);
            statement.execute();
        } finally {
            array.free();
        }
    }

    private void prepare(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        connection.setNetworkTimeout(DIRECT, NETWORK_TIMEOUT_MILLIS);
    }

    /** Stops listening on a connection going back to a pool, so it does not gather notices there. */
    private static void forget(Connection connection) {
        if (connection == null) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
            statement.execute("RESET application_name");
        } catch (SQLException | RuntimeException e) {
            // the connection is broken; closing it below is all that is left to do
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // nothing more to release
        }
    }

    private void deliver(Invalidation invalidation) {
        for (Consumer<Invalidation> each : listeners) {
            try {
                each.accept(invalidation);
            } catch (RuntimeException e) {
                // a listener's failure is its own: the others still hear the notice
                LOG.log(Level.WARNING, "an invalidation listener failed: " + e);
            }
        }
    }

    /** The notice a payload names; anything else may have meant anything, so it means everything. */
    private static Invalidation decode(String payload) {
        try {
            return Invalidation.decode(payload == null ? "" : payload);
        } catch (RuntimeException e) {
            return Invalidation.everything();
        }
    }

    /** What went wrong, without the URL or anything else a message might carry. */
    private static String describe(Exception e) {
        return e instanceof SQLException sql && sql.getSQLState() != null ? "SQL state " + sql.getSQLState()
                : e.getClass().getSimpleName();
    }

    private boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Opens a connection named {@code applicationName} in {@code pg_stat_activity}. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection open(String applicationName) throws SQLException;
    }
}
