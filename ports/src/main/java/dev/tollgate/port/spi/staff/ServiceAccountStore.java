package dev.tollgate.port.spi.staff;

import dev.tollgate.port.Change;
import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Service accounts. Each method is one atomic operation. */
public interface ServiceAccountStore {

    void insert(ServiceAccountRecord account);

    Optional<ServiceAccountRecord> findById(TenantId tenant, ServiceAccountId id);

    /** By key digest, in any tenant, revoked or not. */
    Optional<ServiceAccountRecord> findByKeyDigest(String keyDigest);

    /** The tenant's accounts by id, ascending, after {@code after} (null: from the first), at most {@code limit}. */
    List<ServiceAccountRecord> list(TenantId tenant, ServiceAccountId after, int limit);

    /** Sets {@code revokedAt} once: {@code NO_MATCH} for an unknown or already revoked account. */
    Change revoke(TenantId tenant, ServiceAccountId id, Instant now);
}
