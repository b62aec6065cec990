package dev.tollgate.adapter.redis.limit;

import dev.tollgate.adapter.redis.internal.LazyConnection;
import dev.tollgate.adapter.redis.internal.Outage;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Window counters in Redis, shared by every process on it: each key is a hash of its count
 * ({@code n}) and its window's end in epoch milliseconds ({@code e}), changed by one Lua script
 * per call, so concurrent calls of any number of processes never grant more than the limit.
 * Windows are measured on the caller's clock, as the port asks, not on Redis's.
 *
 * <p>When Redis fails a call or cannot be reached, the call is counted in {@code fallback} (the
 * store's counters) instead, never not at all, and so is every call after it until Redis answers
 * a probe again ({@link #probe()}, run about once a second): a down Redis costs the hot path one
 * failed call per outage, not a timeout per call. Counts do not move between the two, so across
 * an outage's start or end a window may grant up to its limit once more.
 */
public final class RedisWindowCounters implements WindowCounters {

    /**
     * Opens, counts in, or refuses from the window of KEYS[1]. ARGV: now and window in epoch
     * milliseconds, the limit, and the slack kept beyond the window's end before Redis forgets
     * the key. Answers {granted 1|0, count, window end}. The expiry is relative to now, so a
     * caller's clock far from Redis's never drops a window early.
     */
    private static final String ACQUIRE = """
            local now = tonumber(ARGV[1])
            local held = redis.call('HMGET', KEYS[1], 'n', 'e')
            local count = tonumber(held[1])
            local ends = tonumber(held[2])
            if count == nil or ends == nil or ends <= now then
              ends = now + tonumber(ARGV[2])
              redis.call('HSET', KEYS[1], 'n', 1, 'e', ends)
              redis.call('PEXPIRE', KEYS[1], ends - now + tonumber(ARGV[4]))
              return {1, 1, ends}
            end
            if count < tonumber(ARGV[3]) then
              return {1, redis.call('HINCRBY', KEYS[1], 'n', 1), ends}
            end
            return {0, count, ends}
            """;
    private static final String ACQUIRE_SHA = sha1(ACQUIRE);

    /** Kept beyond a window's end, for clocks of processes that differ from each other a little. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    private final LazyConnection<StatefulRedisConnection<String, String>> connection;
    private final String keyPrefix;
    private final WindowCounters fallback;
    private final Outage outage;

    /**
     * Counters under keys starting with {@code keyPrefix}, on {@code connection}, falling back to
     * {@code fallback} while {@code outage} says Redis is down.
     */
    public RedisWindowCounters(LazyConnection<StatefulRedisConnection<String, String>> connection, String keyPrefix,
            WindowCounters fallback, Outage outage) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.outage = Objects.requireNonNull(outage, "outage");
    }

    @Override
    public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(now, "now");
        Optional<RedisCommands<String, String>> redis = usable();
        if (redis.isPresent()) {
            try {
                List<Long> answer = acquire(redis.get(), key, limit, now);
                int count = Math.toIntExact(answer.get(1));
                Instant ends = Instant.ofEpochMilli(answer.get(2));
                return answer.get(0) == 1 ? Acquisition.granted(count, ends) : Acquisition.refused(count, ends);
            } catch (RedisException e) {
                outage.failed(e);
            }
        }
        outage.fellBack();
        return fallback.tryAcquire(key, limit, now);
    }

    @Override
    public Optional<OpenWindow> current(CounterKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Optional<RedisCommands<String, String>> redis = usable();
        if (redis.isPresent()) {
            try {
                List<KeyValue<String, String>> held = redis.get().hmget(keyPrefix + key.value(), "n", "e");
                if (held.get(0).isEmpty() || held.get(1).isEmpty()) {
                    return Optional.empty();
                }
                Instant ends = Instant.ofEpochMilli(Long.parseLong(held.get(1).getValue()));
                return ends.isAfter(now)
                        ? Optional.of(new OpenWindow(Integer.parseInt(held.get(0).getValue()), ends))
                        : Optional.empty();
            } catch (RedisException e) {
                outage.failed(e);
            }
        }
        outage.fellBack();
        return fallback.current(key, now);
    }

    /**
     * Asks Redis whether it answers, while it is thought down; ends the outage when it does. Run
     * by the services' watcher, never on a caller's thread.
     */
    public void probe() {
        if (!outage.isDown()) {
            return;
        }
        connection.get().ifPresent(made -> {
            try {
                made.sync().ping();
                outage.recovered();
            } catch (RedisException e) {
                // still down: the next probe asks again
            }
        });
    }

    private Optional<RedisCommands<String, String>> usable() {
        if (outage.isDown()) {
            return Optional.empty();
        }
        Optional<StatefulRedisConnection<String, String>> made = connection.get();
        if (made.isEmpty()) {
            outage.failed(null);
            return Optional.empty();
        }
        return Optional.of(made.get().sync());
    }

    private List<Long> acquire(RedisCommands<String, String> redis, CounterKey key, WindowLimit limit, Instant now) {
        String[] keys = {keyPrefix + key.value()};
        String[] args = {Long.toString(now.toEpochMilli()), Long.toString(limit.window().toMillis()),
                Integer.toString(limit.limit()), Long.toString(SLACK.toMillis())};
        try {
            return redis.evalsha(ACQUIRE_SHA, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            // Redis restarted or flushed its script cache: EVAL sends the script and caches it again
            return redis.eval(ACQUIRE, ScriptOutputType.MULTI, keys, args);
        }
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }
}
