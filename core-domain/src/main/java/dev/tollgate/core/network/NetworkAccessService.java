package dev.tollgate.core.network;

import dev.tollgate.core.address.IpRange;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.network.NetworkAccess;
import dev.tollgate.port.settings.NetworkSettings;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.port.spi.network.IpRule;
import dev.tollgate.port.spi.network.IpRuleStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live IP rules of every tenant, held in memory in prefix tables and judged there: a request costs
 * no store call. The rules are read again when a change is made here, when another process says
 * so on the bus, and at the latest {@link #POLL_WITH_BUS} (a connected bus) or
 * {@link #POLL_WITHOUT_BUS} (none, or one that is down) after the last read, so a change made
 * anywhere applies everywhere within a second. Expiry needs no read: each rule ends in the tables
 * at its instant.
 */
public final class NetworkAccessService implements NetworkAccess {

    static final Duration POLL_WITH_BUS = Duration.ofSeconds(30);
    static final Duration POLL_WITHOUT_BUS = Duration.ofSeconds(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final IpRuleStore store;
    private final NetworkSettings settings;
    private final Clock clock;
    private final InvalidationBus bus;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile boolean stale = true;
    private Instant prunedAt = Instant.MIN;

    /** @param bus where processes announce rule changes; null for a process alone */
    public NetworkAccessService(IpRuleStore store, NetworkSettings settings, Clock clock, InvalidationBus bus) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bus = bus;
        if (bus != null) {
            bus.subscribe(notice -> {
                if (notice.scope() == Invalidation.Scope.NETWORK || notice.scope() == Invalidation.Scope.EVERYTHING) {
                    stale = true;
                }
            });
        }
    }

    @Override
    public Optional<Problem> judge(TenantId tenant, String ip) {
        Objects.requireNonNull(tenant, "tenant");
        if (ip == null) {
            return Optional.empty();
        }
        Optional<byte[]> address = IpRange.address(ip);
        PrefixTable.Match match = address.map(bits -> current().match(tenant, bits, clock.instant())).orElse(null);
        boolean denied = match != null ? match.deny() : settings.allowList();
        return denied ? Optional.of(new Problem.IpBlocked()) : Optional.empty();
    }

    /** Whether a live allow rule of {@code tenant} or a global one decides for {@code range}'s address now. */
    boolean allows(TenantId tenant, IpRange range) {
        PrefixTable.Match match = current().match(tenant, range.bits(), clock.instant());
        return match != null && !match.deny();
    }

    /** Whether a live rule denies exactly {@code range} globally now (an automatic block need not be made twice). */
    boolean deniesGlobally(IpRange range) {
        PrefixTable.Match match = current().global.match(range.bits(), clock.instant());
        return match != null && match.deny() && match.prefix() >= range.prefix();
    }

    /** A rule was made or removed here: read them again at once, and tell the other processes. */
    void changed() {
        stale = true;
        current();
        if (bus != null) {
            bus.publish(Invalidation.network());
        }
    }

    /**
     * The snapshot to judge with, read again first when it is due. One thread reads while the
     * others judge with the last snapshot; a store that fails keeps the last one (and it is read
     * again on the next call).
     */
    private Snapshot current() {
        Snapshot held = snapshot;
        Instant now = clock.instant();
        if (held != null && !stale && now.isBefore(held.readAt().plus(pollEvery()))) {
            return held;
        }
        if (held == null) {
            reading.lock();
        } else if (!reading.tryLock()) {
            return held;
        }
        try {
            Snapshot latest = snapshot;
            if (latest != null && latest != held && !stale) {
                return latest;
            }
            // cleared before reading: a notice arriving during the read marks it stale again
            stale = false;
            try {
                snapshot = Snapshot.of(store.live(now), now);
                prune(now);
            } catch (RuntimeException failed) {
                stale = true;
                if (snapshot == null) {
                    throw failed;
                }
            }
            return snapshot;
        } finally {
            reading.unlock();
        }
    }

    private Duration pollEvery() {
        return bus != null && bus.connected() ? POLL_WITH_BUS : POLL_WITHOUT_BUS;
    }

    /** Expired rules are dead weight: removed now and then, by whichever process reads. */
    private void prune(Instant now) {
        if (now.isAfter(prunedAt.plus(PRUNE_EVERY))) {
            prunedAt = now;
            store.deleteExpired(now);
        }
    }

    /** The prefix tables of one read of the rules. */
    private record Snapshot(PrefixTable global, Map<TenantId, PrefixTable> tenants, Instant readAt) {

        static Snapshot of(List<IpRule> rules, Instant readAt) {
            PrefixTable global = new PrefixTable();
            Map<TenantId, PrefixTable> tenants = new HashMap<>();
            for (IpRule rule : rules) {
                IpRange.Parsed range = IpRange.parse(rule.cidr());
                if (!range.valid()) {
                    continue; // written by hand into the store: it matches nothing rather than everything
                }
                PrefixTable table = rule.tenant() == null ? global
                        : tenants.computeIfAbsent(rule.tenant(), t -> new PrefixTable());
                table.add(range.range(), rule.action(), rule.expiresAt());
            }
            return new Snapshot(global, Map.copyOf(tenants), readAt);
        }

        /**
         * The global rules' match and the tenant's, the more specific deciding; but a global deny
         * always stands: a tenant's allow (made by that tenant's staff) cannot open what the
         * operator closed for everyone.
         */
        PrefixTable.Match match(TenantId tenant, byte[] address, Instant now) {
            PrefixTable.Match everywhere = global.match(address, now);
            if (everywhere != null && everywhere.deny()) {
                return everywhere;
            }
            PrefixTable own = tenants.get(tenant);
            return PrefixTable.Match.stronger(everywhere, own == null ? null : own.match(address, now));
        }
    }
}
