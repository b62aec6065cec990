package dev.tollgate.server;

import java.util.Map;

/**
 * Several processes sharing one PostgreSQL database and nothing else: the window counters are
 * counted in the database and invalidations travel over PostgreSQL {@code LISTEN/NOTIFY}.
 */
class SeveralNodesOnPostgresIT extends SeveralNodes {

    @Override
    Map<String, String> deploymentSettings() {
        return Map.of();
    }
}
