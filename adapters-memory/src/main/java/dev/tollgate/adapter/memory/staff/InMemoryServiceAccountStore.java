package dev.tollgate.adapter.memory.staff;

import dev.tollgate.port.Change;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.spi.staff.ServiceAccountRecord;
import dev.tollgate.port.spi.staff.ServiceAccountStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Being built (issue 11). */
public final class InMemoryServiceAccountStore implements ServiceAccountStore {

    @Override
    public void insert(ServiceAccountRecord account) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Optional<ServiceAccountRecord> findById(TenantId tenant, ServiceAccountId id) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Optional<ServiceAccountRecord> findByKeyDigest(String keyDigest) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public List<ServiceAccountRecord> list(TenantId tenant, ServiceAccountId after, int limit) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Change revoke(TenantId tenant, ServiceAccountId id, Instant now) {
        throw new UnsupportedOperationException("not built yet");
    }
}
