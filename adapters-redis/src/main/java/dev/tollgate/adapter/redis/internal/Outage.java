package dev.tollgate.adapter.redis.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether Redis is failing the window counters now, and how often they fell back: one warning
 * when an outage starts and one line when it ends, however many calls fail between, so a down
 * Redis does not flood the log.
 */
public final class Outage {

    private static final Logger LOG = System.getLogger("dev.tollgate.adapter.redis");

    private final String redis;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong fallbacks = new AtomicLong();

    /** @param redis the host and port, for the log lines (never the URL: it may carry a password) */
    public Outage(String redis) {
        this.redis = redis;
    }

    /** Records that Redis failed a call (or cannot be reached); logs a warning if this starts an outage. */
    public void failed(Throwable cause) {
        if (down.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Redis at " + redis + " is unreachable (" + describe(cause) + "): rate limits and "
                    + "throttles are counted in the store until it answers again");
        }
    }

    /** Records that Redis answers; logs the end of an outage. */
    public void recovered() {
        if (down.compareAndSet(true, false)) {
            LOG.log(Level.WARNING, "Redis at " + redis + " answers again: rate limits and throttles are counted "
                    + "in Redis again");
        }
    }

    /** Whether Redis is failing now. */
    public boolean isDown() {
        return down.get();
    }

    /** Counts one call counted in the fallback instead of Redis. */
    public void fellBack() {
        fallbacks.incrementAndGet();
    }

    /** Calls counted in the fallback since the start. */
    public long fallbacks() {
        return fallbacks.get();
    }

    /** The cause's kind and message: Lettuce's messages name the address, never the password. */
    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
