package dev.tollgate.adapter.memory.tenant;

import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import dev.tollgate.port.spi.tenant.TenantRecord;
import dev.tollgate.port.spi.tenant.TenantStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Being built (issue 11). */
public final class InMemoryTenantStore implements TenantStore {

    @Override
    public Change insert(TenantRecord tenant) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Optional<TenantRecord> find(TenantId id) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public List<TenantRecord> list(TenantId after, int limit) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Change rename(TenantId id, String name, Instant now) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public Change changeStatus(TenantId id, TenantStatus expected, TenantStatus next, String reason, Instant now) {
        throw new UnsupportedOperationException("not built yet");
    }
}
