package dev.tollgate.port.spi.tenant;

import dev.tollgate.port.Change;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.TenantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tenants. A store holds {@link TenantId#DEFAULT} (named {@code Default}, active) from the
 * moment it is opened, and every tenant its users already belong to (the SQL migration adds a
 * tenant for each tenant id found among existing users). Each method is one atomic operation.
 */
public interface TenantStore {

    /** Inserts the tenant unless one with its id exists: answers {@code APPLIED}, else {@code NO_MATCH}. */
    Change insert(TenantRecord tenant);

    Optional<TenantRecord> find(TenantId id);

    /** Tenants by id, ascending, starting after {@code after} (null: from the first), at most {@code limit}. */
    List<TenantRecord> list(TenantId after, int limit);

    /** Sets the name and {@code updatedAt}; {@code NO_MATCH} for an unknown tenant. */
    Change rename(TenantId id, String name, Instant now);

    /** Moves the tenant from {@code expected} to {@code next} status (compare-and-set). */
    Change changeStatus(TenantId id, TenantStatus expected, TenantStatus next, String reason, Instant now);
}
