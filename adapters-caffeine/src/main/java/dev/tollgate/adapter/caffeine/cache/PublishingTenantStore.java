package dev.tollgate.adapter.caffeine.cache;

import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tenants as the store keeps them (the core remembers their status for a second itself); every
 * change invalidates everything held of the tenant's users.
 */
final class PublishingTenantStore implements TenantStore {

    private final TenantStore store;
    private final Invalidations invalidations;

    PublishingTenantStore(TenantStore store, Invalidations invalidations) {
        this.store = Objects.requireNonNull(store, "store");
        this.invalidations = invalidations;
    }

    @Override
    public Change insert(TenantRecord tenant) {
        try {
            return store.insert(tenant);
        } finally {
            invalidations.changed(Invalidation.of(tenant.id()));
        }
    }

    @Override
    public Optional<TenantRecord> find(TenantId id) {
        return store.find(id);
    }

    @Override
    public List<TenantRecord> list(TenantId after, int limit) {
        return store.list(after, limit);
    }

    @Override
    public Change rename(TenantId id, String name, Instant now) {
        try {
            return store.rename(id, name, now);
        } finally {
            invalidations.changed(Invalidation.of(id));
        }
    }

    @Override
    public Change changeStatus(TenantId id, TenantStatus expected, TenantStatus next, String reason, Instant now) {
        try {
            return store.changeStatus(id, expected, next, reason, now);
        } finally {
            invalidations.changed(Invalidation.of(id));
        }
    }
}
