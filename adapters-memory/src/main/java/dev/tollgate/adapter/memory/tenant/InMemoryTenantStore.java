package dev.tollgate.adapter.memory.tenant;

import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link TenantStore} in memory, holding the default tenant from the start. Tenants are ordered
 * by id as {@link String#compareTo} orders them, as a binary collation does.
 */
public final class InMemoryTenantStore implements TenantStore {

    private final Object lock = new Object();
    private final TreeMap<String, TenantRecord> tenants = new TreeMap<>();

    /** A store holding only the default tenant, created at {@link Instant#EPOCH}. */
    public InMemoryTenantStore() {
        this(Instant.EPOCH);
    }

    /** A store holding only the default tenant, created at {@code createdAt}. */
    public InMemoryTenantStore(Instant createdAt) {
        Objects.requireNonNull(createdAt, "createdAt");
        tenants.put(TenantId.DEFAULT.value(),
                new TenantRecord(TenantId.DEFAULT, "Default", TenantStatus.ACTIVE, null, createdAt, createdAt));
    }

    @Override
    public Change insert(TenantRecord tenant) {
        Objects.requireNonNull(tenant, "tenant");
        synchronized (lock) {
            return Change.of(tenants.putIfAbsent(tenant.id().value(), tenant) == null);
        }
    }

    @Override
    public Optional<TenantRecord> find(TenantId id) {
        Objects.requireNonNull(id, "id");
        synchronized (lock) {
            return Optional.ofNullable(tenants.get(id.value()));
        }
    }

    @Override
    public List<TenantRecord> list(TenantId after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        synchronized (lock) {
            List<TenantRecord> page = new ArrayList<>(Math.min(limit, tenants.size()));
            for (TenantRecord tenant : (after == null ? tenants : tenants.tailMap(after.value(), false)).values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(tenant);
            }
            return List.copyOf(page);
        }
    }

    @Override
    public Change rename(TenantId id, String name, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            TenantRecord current = tenants.get(id.value());
            if (current == null) {
                return Change.noMatch();
            }
            tenants.put(id.value(), new TenantRecord(id, name, current.status(), current.statusReason(),
                    current.createdAt(), now));
            return Change.applied();
        }
    }

    @Override
    public Change changeStatus(TenantId id, TenantStatus expected, TenantStatus next, String reason, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            TenantRecord current = tenants.get(id.value());
            if (current == null || current.status() != expected) {
                return Change.noMatch();
            }
            tenants.put(id.value(), new TenantRecord(id, current.name(), next, reason, current.createdAt(), now));
            return Change.applied();
        }
    }
}
