package dev.tollgate.server;

import dev.tollgate.adapter.sql.lease.LeaseSettings;
import java.util.Map;

/**
 * Several processes sharing one PostgreSQL database with leases on ({@code TOLLGATE_LEASES=on}):
 * the same exact totals, shared rate limit and prompt refusals as without them, and a process
 * killed mid-load forfeiting at most what was left of its lease of the balance (at most 1/64 of
 * what was left when it took it), the others spending the rest once the lease expired.
 */
class SeveralNodesWithLeasesIT extends SeveralNodes {

    @Override
    Map<String, String> deploymentSettings() {
        return Map.of("TOLLGATE_LEASES", "on");
    }

    @Override
    long forfeitableUnits(long balance) {
        return balance / LeaseSettings.DEFAULTS.share();
    }
}
