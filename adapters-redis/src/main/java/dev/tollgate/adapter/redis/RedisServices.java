package dev.tollgate.adapter.redis;

import dev.tollgate.adapter.redis.cache.RedisInvalidationBus;
import dev.tollgate.adapter.redis.internal.LazyConnection;
import dev.tollgate.adapter.redis.internal.Outage;
import dev.tollgate.adapter.redis.limit.RedisWindowCounters;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.port.spi.limit.WindowCounters;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Redis as the fast store several Tollgate processes share: the window counters (throttles and
 * API keys' rate limits), so N nodes enforce one limit, and the channel that carries cache
 * invalidations between them. Every key and the channel start with the prefix given, so several
 * deployments (or tests) share one Redis without meeting.
 *
 * <p>Redis being down never keeps Tollgate from starting: {@link #connect} waits about
 * {@link #START_PATIENCE} at most for the first connection, then goes on, counting limits in the
 * fallback store ({@link #degradation()} says so) while connections are attempted again about
 * once a second in the background. A command Redis does not answer within
 * {@link #COMMAND_TIMEOUT} counts as a failure. Connections carry the client name
 * {@code tollgate-<role>-<instance>} ({@code CLIENT LIST} shows which process holds which).
 */
public final class RedisServices implements AutoCloseable {

    /** How long {@link #connect} waits for Redis before starting without it. */
    public static final Duration START_PATIENCE = Duration.ofSeconds(2);
    /**
     * How long a command may take before it counts as failed. Only the calls in flight when Redis
     * stops answering wait this long (every later one goes to the store at once), so it can be
     * generous; a short one (400 ms was tried) let a busy machine's scheduling pauses pass for
     * outages, each moving a window's counting to the store and letting its limit be granted twice.
     */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** How often the watcher attempts missing connections and probes a Redis thought down. */
    private static final Duration WATCH_EVERY = Duration.ofMillis(500);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final String keyPrefix;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final Outage outage;
    private final LazyConnection<StatefulRedisConnection<String, String>> counting;
    private final List<RedisWindowCounters> counters = new CopyOnWriteArrayList<>();
    private final List<RedisInvalidationBus> buses = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher;

    private RedisServices(RedisURI uri, String keyPrefix) {
        this.uri = uri;
        this.keyPrefix = keyPrefix;
        this.outage = new Outage(uri.getHost() + ":" + uri.getPort());
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.constant(WATCH_EVERY))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // a command on a lost connection fails at once (and is counted in the store) rather than queueing
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(START_PATIENCE).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        this.counting = new LazyConnection<>(() -> client.connectAsync(StringCodec.UTF8, named("counters")),
                made -> made.setTimeout(COMMAND_TIMEOUT), outage::failed);
        this.watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tollgate-redis-watch-" + instance);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects to {@code redisUrl} ({@code redis://[user:password@]host:port[/database]} or
     * {@code rediss://} for TLS); keys and the channel start with {@code keyPrefix}. Returns
     * within about {@link #START_PATIENCE} whether or not Redis answers.
     *
     * @throws IllegalArgumentException when {@code redisUrl} is no Redis URL (the message does not repeat it)
     */
    public static RedisServices connect(String redisUrl, String keyPrefix) {
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        RedisURI uri = parse(redisUrl);
        RedisServices services = new RedisServices(uri, keyPrefix);
        services.start();
        return services;
    }

    /** The URL as Lettuce's URI; refuses anything but {@code redis://} and {@code rediss://} with a host. */
    private static RedisURI parse(String redisUrl) {
        // neither the URL nor a parser's message about it may reach the exception: either may carry the password
        String shape = "the Redis URL must be redis://[user:password@]host[:port][/database] or rediss://...";
        try {
            URI checked = new URI(redisUrl);
            boolean redis = "redis".equals(checked.getScheme()) || "rediss".equals(checked.getScheme());
            if (!redis || checked.getHost() == null || checked.getHost().isBlank()) {
                throw new IllegalArgumentException(shape);
            }
            return RedisURI.create(redisUrl);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException(shape);
        }
    }

    private void start() {
        counting.attempt();
        counting.awaitFirstAttempt(START_PATIENCE.toMillis() + 500);
        watcher.scheduleWithFixedDelay(this::watch, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void watch() {
        try {
            counting.attempt();
            buses.forEach(RedisInvalidationBus::reconnect);
            counters.forEach(RedisWindowCounters::probe);
        } catch (RuntimeException e) {
            // the watcher must keep running; the next round tries again
        }
    }

    /** The URI for one connection, named for its role so {@code CLIENT LIST} tells them apart. */
    private RedisURI named(String role) {
        return RedisURI.builder(uri).withClientName(clientName(role)).build();
    }

    /** The client name of this process's connections of {@code role} ({@code counters}, {@code invalidations}, ...). */
    public String clientName(String role) {
        return "tollgate-" + role + "-" + instance;
    }

    /**
     * Window counters on Redis that fall back to {@code fallback} (the store's), with a logged
     * warning, while Redis cannot be reached: never to no limit.
     */
    public WindowCounters counters(WindowCounters fallback) {
        Objects.requireNonNull(fallback, "fallback");
        RedisWindowCounters made = new RedisWindowCounters(counting, keyPrefix, fallback, outage);
        counters.add(made);
        return made;
    }

    /**
     * A new invalidation channel on Redis pub/sub, with connections of its own (one listening,
     * one sending); closing it closes them.
     */
    public InvalidationBus invalidations() {
        String channel = keyPrefix + "invalidation";
        RedisInvalidationBus bus = new RedisInvalidationBus(channel,
                onConnect -> lazily(() -> client.connectPubSubAsync(StringCodec.UTF8, named("invalidations")), onConnect),
                onConnect -> lazily(() -> client.connectAsync(StringCodec.UTF8, named("notices")), onConnect));
        buses.add(bus);
        return bus;
    }

    private <C extends StatefulConnection<?, ?>> LazyConnection<C> lazily(Supplier<CompletionStage<C>> opener,
            Consumer<C> onConnect) {
        return new LazyConnection<>(opener, onConnect, failure -> {
            // the bus reports itself not connected; the counters' outage logs Redis being down
        });
    }

    /** What is degraded now (e.g. limits counted in the store because Redis is unreachable); empty when all is well. */
    public Optional<String> degradation() {
        return outage.isDown() || !counting.isOpen()
                ? Optional.of("rate limits are counted in the store: Redis is unreachable")
                : Optional.empty();
    }

    /** Calls of the window counters counted in the fallback store because Redis was unreachable, since the start. */
    public long fallbacks() {
        return outage.fallbacks();
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        try {
            buses.forEach(RedisInvalidationBus::close);
            counting.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
