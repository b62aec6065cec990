package dev.tollgate.adapter.redis.cache;

import dev.tollgate.adapter.redis.internal.LazyConnection;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The invalidation channel on Redis pub/sub: notices go out as {@link Invalidation#encode()} on
 * the channel {@code <prefix>invalidation}, sent on a connection of their own without waiting
 * for Redis, and come in on a dedicated subscribing connection, whose listeners run on Lettuce's
 * event loop. It is {@link #connected()} while that subscription is live and the sending
 * connection is up. Lettuce reconnects and subscribes again by itself; since notices may have
 * been missed meanwhile, every listener then hears {@link Invalidation#everything()}. A message
 * on the channel that is no notice counts as everything too.
 */
public final class RedisInvalidationBus implements InvalidationBus {

    private static final Logger LOG = System.getLogger("dev.tollgate.adapter.redis");

    private final String channel;
    private final LazyConnection<StatefulRedisPubSubConnection<String, String>> listening;
    private final LazyConnection<StatefulRedisConnection<String, String>> sending;
    private final CopyOnWriteArrayList<Subscription> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean subscribed;
    private volatile boolean subscribedBefore;
    private volatile boolean sendFailed;
    private volatile boolean closed;

    /**
     * A bus on {@code channel}; {@code opener} opens its two connections, given what to do
     * with each once it is first made.
     */
    public RedisInvalidationBus(String channel,
            Function<Consumer<StatefulRedisPubSubConnection<String, String>>,
                    LazyConnection<StatefulRedisPubSubConnection<String, String>>> listeningOpener,
            Function<Consumer<StatefulRedisConnection<String, String>>,
                    LazyConnection<StatefulRedisConnection<String, String>>> sendingOpener) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.listening = listeningOpener.apply(this::listenOn);
        this.sending = sendingOpener.apply(made -> made.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                sendFailed = false;
            }
        }));
        reconnect();
    }

    /** Attempts the connections not yet made; the services' watcher calls this about once a second. */
    public void reconnect() {
        listening.attempt();
        sending.attempt();
    }

    private void listenOn(StatefulRedisPubSubConnection<String, String> connection) {
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void subscribed(String to, long count) {
                if (!to.equals(channel)) {
                    return;
                }
                subscribed = true;
                if (subscribedBefore) {
                    // subscribed again after a lost connection: what was sent meanwhile is lost
                    hand(Invalidation.everything());
                }
                subscribedBefore = true;
            }

            @Override
            public void message(String from, String message) {
                if (from.equals(channel)) {
                    hand(decode(message));
                }
            }
        });
        connection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                subscribed = false;
            }
        });
        connection.async().subscribe(channel);
    }

    private static Invalidation decode(String message) {
        try {
            return Invalidation.decode(message);
        } catch (RuntimeException e) {
            return Invalidation.everything();
        }
    }

    private void hand(Invalidation notice) {
        if (closed) {
            return;
        }
        for (Subscription subscription : listeners) {
            try {
                subscription.listener.accept(notice);
            } catch (RuntimeException e) {
                // a listener's failure is its own: the others still hear the notice
                LOG.log(Level.WARNING, "an invalidation listener failed: " + e);
            }
        }
    }

    @Override
    public void publish(Invalidation invalidation) {
        Objects.requireNonNull(invalidation, "invalidation");
        if (closed) {
            return;
        }
        StatefulRedisConnection<String, String> connection = sending.get().orElse(null);
        if (connection == null) {
            sendFailed = true;
            return;
        }
        try {
            connection.async().publish(channel, invalidation.encode()).whenComplete((receivers, failure) -> {
                if (failure != null && !closed) {
                    if (!sendFailed) {
                        LOG.log(Level.WARNING, "an invalidation notice could not be sent to Redis: "
                                + failure.getClass().getSimpleName());
                    }
                    sendFailed = true;
                } else if (failure == null) {
                    sendFailed = false;
                }
            });
        } catch (RuntimeException e) {
            sendFailed = true;
        }
    }

    @Override
    public Listening subscribe(Consumer<Invalidation> listener) {
        Subscription subscription = new Subscription(Objects.requireNonNull(listener, "listener"));
        listeners.add(subscription);
        return () -> listeners.remove(subscription);
    }

    @Override
    public boolean connected() {
        return !closed && subscribed && listening.isOpen() && sending.isOpen() && !sendFailed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.clear();
        try {
            listening.close();
        } finally {
            sending.close();
        }
    }

    /** One subscribed listener: its own object, so the same listener subscribed twice is ended once per close. */
    private static final class Subscription {
        private final Consumer<Invalidation> listener;

        Subscription(Consumer<Invalidation> listener) {
            this.listener = listener;
        }
    }
}
