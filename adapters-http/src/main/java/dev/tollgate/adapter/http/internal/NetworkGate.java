package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.RefusedException;
import dev.tollgate.port.api.network.NetworkAccess;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Objects;
import java.util.Set;

/**
 * Runs before every route, once the request matched one: a request whose client address
 * ({@link RequestScope#clientAddress}, honouring the trusted proxy) the IP rules of the request's
 * tenant deny is answered 403 {@code IP_BLOCKED} before anything else of it is read. The use case
 * judges; this only asks. Exempt: the probes and metrics (orchestrators call them from wherever
 * they run), a CORS preflight (it carries no credential; the request it announces is judged), and
 * {@code POST /v1/keys/verify}, where the calling service is trusted by its credential and the use
 * case judges the address of the service's end user ({@code client_ip}) itself. A request no route
 * takes is answered 404 or 405 as without the gate: it reaches nothing.
 */
public final class NetworkGate {

    private static final Set<String> EXEMPT = Set.of("/health", "/ready", "/metrics");
    private static final String VERIFY = "/v1/keys/verify";

    private final NetworkAccess network;
    private final Tenancy tenancy;
    private final RequestScope scope;
    private final boolean corsEnabled;

    public NetworkGate(NetworkAccess network, Tenancy tenancy, RequestScope scope, boolean corsEnabled) {
        this.network = Objects.requireNonNull(network, "network");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.corsEnabled = corsEnabled;
    }

    /** The {@code beforeMatched} handler: throws the refusal, which the {@link ProblemMapper} answers. */
    public void check(Context ctx) {
        if (exempt(ctx)) {
            return;
        }
        network.judge(tenant(ctx), scope.clientAddress(ctx)).ifPresent(blocked -> {
            throw new RefusedException(blocked);
        });
    }

    /**
     * The request's tenant; for a tenant header that is no tenant id, the default tenant (the
     * rules of every tenant still apply, and a route that reads the header refuses it itself).
     */
    private TenantId tenant(Context ctx) {
        try {
            return tenancy.of(ctx);
        } catch (RefusedException malformed) {
            return tenancy.defaultTenant();
        }
    }

    private boolean exempt(Context ctx) {
        String path = ctx.path();
        if (EXEMPT.contains(path)) {
            return true;
        }
        if (ctx.method() == HandlerType.POST && path.equals(VERIFY)) {
            return true;
        }
        return corsEnabled && ctx.method() == HandlerType.OPTIONS && ctx.header("Origin") != null
                && ctx.header("Access-Control-Request-Method") != null;
    }
}
