package dev.tollgate.core.limit;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings.Limit;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowCounters.OpenWindow;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link ThrottleSettings} applied: one window counter per tenant, action and client
 * address, and one per tenant, action and account named, so a tenant's counts never use up
 * another's (servers of different tenants may share one store). Counter keys hold
 * fingerprints, never an address or a name as given, and an account is counted whether or not
 * it exists.
 *
 * <p>Failures are counted in the store exactly, but whether an address has used up its
 * failures is answered from what this process last learnt of its counter (its own counted
 * failures and its last read) for at most {@link #FRESH_FOR} by the clock, as
 * {@link dev.tollgate.core.user.TenantGate} does for tenants: the hot path reads no counter per
 * call, and another process's failures are seen within that second.
 */
public final class Throttles {

    /** How long what this process learnt of a failure counter is trusted. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final int MAX_AUDITED_WINDOWS = 10_000;
    /** Beyond this many counters remembered, the memory starts afresh: addresses come from requests. */
    private static final int MAX_LEARNT = 10_000;

    private final WindowCounters counters;
    private final ThrottleSettings settings;
    private final Clock clock;
    private final Auditor auditor;
    /** The end of the window of each counter whose refusal was last audited here. */
    private final ConcurrentMap<CounterKey, Instant> audited = new ConcurrentHashMap<>();
    /** What this process last learnt of each failure counter, and when. */
    private final ConcurrentMap<CounterKey, Learnt> learnt = new ConcurrentHashMap<>();
    /** The counters one call is reading again now, their news gone stale. */
    private final ConcurrentMap<CounterKey, Boolean> reading = new ConcurrentHashMap<>();

    /** @param auditor records each refusal as a {@code THROTTLED} event, so throttles hit are found in the audit */
    public Throttles(WindowCounters counters, ThrottleSettings settings, Clock clock, Auditor auditor) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * Counts one attempt of {@code action} from the context's address and naming
     * {@code account} (either may be null: not counted); answers the refusal when either limit
     * is already reached. An attempt refused for its account still counted for its address.
     */
    public Optional<Problem> admit(Action action, TenantId tenant, RequestContext context, String account) {
        ThrottleSettings.Rule rule = settings.rule(action);
        Instant now = clock.instant();
        CounterKey addressKey = addressKey(action, tenant, context);
        Optional<Problem> byAddress = acquire(addressKey, rule.perAddress(), now);
        if (byAddress.isPresent()) {
            return audited(byAddress, addressKey, action, tenant, context, "address");
        }
        CounterKey accountKey = accountKey(action, tenant, account);
        return audited(acquire(accountKey, rule.perAccount(), now), accountKey, action, tenant, context, "account");
    }

    /**
     * For actions where only failures count: the refusal when the context's address has used up
     * its failures, changing nothing.
     */
    public Optional<Problem.RateLimited> exhausted(Action action, TenantId tenant, RequestContext context) {
        Limit limit = settings.rule(action).perAddress();
        CounterKey key = addressKey(action, tenant, context);
        if (limit == null || key == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Problem.RateLimited> refusal = window(key, now)
                .filter(open -> open.count() >= limit.attempts())
                .map(OpenWindow::resetsAt)
                .map(resetsAt -> new Problem.RateLimited(resetsAt, limit.attempts()));
        return audited(refusal, key, action, tenant, context, "address");
    }

    /** Counts one failure of {@code action} from the context's address. */
    public void failed(Action action, TenantId tenant, RequestContext context) {
        CounterKey key = addressKey(action, tenant, context);
        Limit limit = settings.rule(action).perAddress();
        if (limit == null || key == null) {
            return;
        }
        Instant now = clock.instant();
        Acquisition acquired = counters.tryAcquire(key, WindowLimit.of(limit.attempts(), limit.window()), now);
        learn(key, new Learnt(Optional.of(new OpenWindow(acquired.count(), acquired.resetsAt())), now));
    }

    /**
     * The window open under {@code key} at {@code now}: as last learnt if fresh, else as the store
     * says. One call at a time reads a counter whose news went stale; the calls meanwhile go on
     * with the stale news, for at most one more {@link #FRESH_FOR}. Without that, every request
     * thread that finds the news stale at the same moment (all requests of one busy address) reads
     * the same counter at once, and in a store that serialises the reads of one counter the last of
     * them waits for all the others.
     */
    private Optional<OpenWindow> window(CounterKey key, Instant now) {
        Learnt known = learnt.get(key);
        boolean reader = false;
        if (known != null && !now.isBefore(known.at())) {
            if (now.isBefore(known.at().plus(FRESH_FOR))) {
                return known.openAt(now);
            }
            if (now.isBefore(known.at().plus(FRESH_FOR.multipliedBy(2)))) {
                if (reading.putIfAbsent(key, Boolean.TRUE) != null) {
                    return known.openAt(now);
                }
                reader = true;
            }
        }
        try {
            Optional<OpenWindow> read = counters.current(key, now);
            learn(key, new Learnt(read, now));
            return read;
        } finally {
            if (reader) {
                reading.remove(key);
            }
        }
    }

    private void learn(CounterKey key, Learnt news) {
        if (learnt.size() >= MAX_LEARNT) {
            learnt.clear();
        }
        learnt.merge(key, news, Learnt::latest);
    }

    /** Records a refusal: which action and which limit, never the address or the account named. */
    private <P extends Problem> Optional<P> audited(Optional<P> refusal, CounterKey key, Action action,
            TenantId tenant, RequestContext context, String limit) {
        if (refusal.isPresent() && firstRefusalOfItsWindow(key, refusal.get())) {
            auditor.event(AuditType.THROTTLED, tenant, null, context)
                    .with(Map.of("action", name(action), "limit", limit))
                    .failed(refusal.get().code());
        }
        return refusal;
    }

    /**
     * Whether this process has not yet audited a refusal of this counter's current window: a
     * flood of refused calls is one event per window, not one per call.
     */
    private boolean firstRefusalOfItsWindow(CounterKey key, Problem refusal) {
        Instant windowEnd = refusal instanceof Problem.RateLimited limited ? limited.retryAt() : null;
        if (windowEnd == null) {
            return true;
        }
        if (audited.size() >= MAX_AUDITED_WINDOWS) {
            audited.clear();
        }
        return !windowEnd.equals(audited.put(key, windowEnd));
    }

    private Optional<Problem> acquire(CounterKey key, Limit limit, Instant now) {
        if (limit == null || key == null) {
            return Optional.empty();
        }
        Acquisition acquired = counters.tryAcquire(key, WindowLimit.of(limit.attempts(), limit.window()), now);
        return acquired.isGranted() ? Optional.empty()
                : Optional.of(new Problem.RateLimited(acquired.resetsAt(), limit.attempts()));
    }

    private static CounterKey addressKey(Action action, TenantId tenant, RequestContext context) {
        if (context == null || context.ip() == null) {
            return null;
        }
        return CounterKey.of("throttle:" + name(action) + ":address:"
                + Secrets.fingerprint(tenant.value() + "\n" + context.ip()));
    }

    private static CounterKey accountKey(Action action, TenantId tenant, String account) {
        if (account == null || account.isBlank()) {
            return null;
        }
        // a login name and an address are matched without regard to case, so they are counted so too
        String normalized = account.strip().toLowerCase(Locale.ROOT);
        return CounterKey.of("throttle:" + name(action) + ":account:"
                + Secrets.fingerprint(tenant.value() + "\n" + normalized));
    }

    private static String name(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    /** A counter's window as this process learnt it at {@code at}; empty: none was open. */
    private record Learnt(Optional<OpenWindow> window, Instant at) {

        /** The window learnt, if it is still open at {@code now}. */
        Optional<OpenWindow> openAt(Instant now) {
            return window.filter(open -> open.resetsAt().isAfter(now));
        }

        /**
         * The more telling of two things learnt: within one window counts only grow, so the higher
         * count wins even if learnt earlier (concurrent failures answer out of order); a later
         * window wins over an earlier one; a window still open wins over a read that found none
         * (the read began before the failure was counted); otherwise the later news.
         */
        static Learnt latest(Learnt one, Learnt other) {
            Instant at = one.at().isAfter(other.at()) ? one.at() : other.at();
            if (one.window().isPresent() && other.window().isPresent()) {
                OpenWindow a = one.window().get();
                OpenWindow b = other.window().get();
                if (a.resetsAt().equals(b.resetsAt())) {
                    return new Learnt(Optional.of(a.count() >= b.count() ? a : b), at);
                }
                return new Learnt(Optional.of(a.resetsAt().isAfter(b.resetsAt()) ? a : b), at);
            }
            Learnt open = one.window().isPresent() ? one : other.window().isPresent() ? other : null;
            if (open != null && open.window().get().resetsAt().isAfter(at)) {
                return new Learnt(open.window(), at);
            }
            return other.at().isBefore(one.at()) ? one : other;
        }
    }
}
