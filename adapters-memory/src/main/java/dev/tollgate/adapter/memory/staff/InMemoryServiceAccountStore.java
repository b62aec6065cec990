package dev.tollgate.adapter.memory.staff;

import dev.tollgate.port.Change;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.staff.ServiceAccountRecord;
import dev.tollgate.port.spi.staff.ServiceAccountStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link ServiceAccountStore} in memory. One lock guards the accounts and their digest index,
 * which spans all tenants. Accounts are listed by id compared as unsigned 128-bit numbers, as
 * databases compare UUIDs.
 */
public final class InMemoryServiceAccountStore implements ServiceAccountStore {

    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };
    private static final Comparator<ServiceAccountRecord> BY_ID =
            Comparator.comparing((ServiceAccountRecord account) -> account.id().value(), UNSIGNED);

    private final Object lock = new Object();
    private final Map<ServiceAccountId, ServiceAccountRecord> accounts = new HashMap<>();
    private final Map<String, ServiceAccountId> byDigest = new HashMap<>();

    @Override
    public void insert(ServiceAccountRecord account) {
        Objects.requireNonNull(account, "account");
        synchronized (lock) {
            if (accounts.containsKey(account.id()) || byDigest.containsKey(account.keyDigest())) {
                throw new IllegalArgumentException("service account " + account.id() + " or its key digest exists already");
            }
            accounts.put(account.id(), account);
            byDigest.put(account.keyDigest(), account.id());
        }
    }

    @Override
    public Optional<ServiceAccountRecord> findById(TenantId tenant, ServiceAccountId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        synchronized (lock) {
            return Optional.ofNullable(accounts.get(id)).filter(account -> account.tenant().equals(tenant));
        }
    }

    @Override
    public Optional<ServiceAccountRecord> findByKeyDigest(String keyDigest) {
        Objects.requireNonNull(keyDigest, "keyDigest");
        synchronized (lock) {
            return Optional.ofNullable(byDigest.get(keyDigest)).map(accounts::get);
        }
    }

    @Override
    public List<ServiceAccountRecord> list(TenantId tenant, ServiceAccountId after, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        synchronized (lock) {
            return accounts.values().stream()
                    .filter(account -> account.tenant().equals(tenant))
                    .filter(account -> after == null || UNSIGNED.compare(account.id().value(), after.value()) > 0)
                    .sorted(BY_ID)
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public Change revoke(TenantId tenant, ServiceAccountId id, Instant now) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            ServiceAccountRecord current = accounts.get(id);
            if (current == null || !current.tenant().equals(tenant) || current.revoked()) {
                return Change.noMatch();
            }
            accounts.put(id, new ServiceAccountRecord(current.id(), current.tenant(), current.name(),
                    current.permissions(), current.keyDigest(), current.keyHint(), current.createdAt(),
                    current.createdBy(), now));
            return Change.applied();
        }
    }
}
