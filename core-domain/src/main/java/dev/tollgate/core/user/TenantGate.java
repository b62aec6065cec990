package dev.tollgate.core.user;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Whether a tenant is in service, for the use cases that let its users and keys in: registration,
 * login, refresh, session and key authentication, key verification. What the store said of a
 * tenant is kept for at most {@link #FRESH_FOR} by the clock, so the hot path does not read the
 * tenant table on every call; a change made through this process's {@link TenantService} is
 * seen at once, one made by another process within that second.
 */
public final class TenantGate {

    /** How long what the store said of a tenant is trusted. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** Beyond this many tenants remembered, the cache starts afresh: tenant ids come from requests. */
    private static final int MAX_REMEMBERED = 10_000;

    private final TenantStore store;
    private final Clock clock;
    private final ConcurrentMap<TenantId, Seen> seen = new ConcurrentHashMap<>();

    public TenantGate(TenantStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The tenant's status; empty for a tenant that does not exist. */
    public Optional<TenantStatus> status(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        Instant now = clock.instant();
        Seen known = seen.get(tenant);
        if (known != null && now.isBefore(known.readAt().plus(FRESH_FOR)) && !now.isBefore(known.readAt())) {
            return known.status();
        }
        Optional<TenantStatus> status = store.find(tenant).map(TenantRecord::status);
        if (seen.size() >= MAX_REMEMBERED) {
            seen.clear();
        }
        seen.put(tenant, new Seen(status, now));
        return status;
    }

    /** For joining a tenant (registration): {@code TENANT_NOT_FOUND} or {@code TENANT_DISABLED}, else empty. */
    public Optional<Problem> refusalToJoin(TenantId tenant) {
        Optional<TenantStatus> status = status(tenant);
        if (status.isEmpty()) {
            return Optional.of(new Problem.TenantNotFound());
        }
        return status.get() == TenantStatus.ACTIVE ? Optional.empty() : Optional.of(new Problem.TenantDisabled());
    }

    /**
     * For using an account or key of the tenant: {@code TENANT_DISABLED} for a disabled tenant,
     * else empty (a tenant that does not exist holds no account, and the use case says so itself).
     */
    public Optional<Problem> refusalToUse(TenantId tenant) {
        return status(tenant).filter(status -> status != TenantStatus.ACTIVE)
                .map(disabled -> new Problem.TenantDisabled());
    }

    /** Whether the tenant is disabled, as {@link #refusalToUse} judges it. */
    public boolean disabled(TenantId tenant) {
        return refusalToUse(tenant).isPresent();
    }

    /** Forgets what the store said of {@code tenant}: it was just changed. */
    public void forget(TenantId tenant) {
        seen.remove(tenant);
    }

    private record Seen(Optional<TenantStatus> status, Instant readAt) {
    }
}
