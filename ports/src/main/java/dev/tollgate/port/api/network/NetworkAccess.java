package dev.tollgate.port.api.network;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import java.util.Optional;

/**
 * Whether a client address may use the API of a tenant, judged in memory against the live IP
 * rules (global and the tenant's). A global deny always stands (a tenant's allow cannot open
 * what the operator closed for everyone); otherwise the most specific matching rule decides, a
 * deny winning over an allow of the same prefix; without a match an address is allowed, or, in
 * allow-list mode, denied.
 */
public interface NetworkAccess {

    /**
     * Empty when {@code ip} may go on; {@code IP_BLOCKED} when not. A null address (a call with no
     * network origin) goes on; text that is no address matches no rule.
     */
    Optional<Problem> judge(TenantId tenant, String ip);
}
