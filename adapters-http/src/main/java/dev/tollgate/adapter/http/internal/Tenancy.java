package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.RefusedException;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tenant of a request, as the server is configured to resolve it (a header, or the host name
 * through a map): the one the request names, else the default tenant. A header that is no tenant id is refused with
 * {@code VALIDATION_FAILED} naming the header (thrown as a {@link RefusedException}, which the
 * {@link ProblemMapper} answers as the refusal it carries).
 */
public final class Tenancy {

    private final String header;
    private final Function<String, Optional<TenantId>> byHost;
    private final TenantId defaultTenant;

    /**
     * @param header the header naming the tenant, read when {@code byHost} is null
     * @param byHost the tenant of a {@code Host} header, when hosts choose the tenant; else null
     */
    public Tenancy(String header, Function<String, Optional<TenantId>> byHost, TenantId defaultTenant) {
        this.header = Objects.requireNonNull(header, "header");
        this.byHost = byHost;
        this.defaultTenant = Objects.requireNonNull(defaultTenant, "defaultTenant");
    }

    /** The tenant of a request that names none. */
    public TenantId defaultTenant() {
        return defaultTenant;
    }

    /** The request's tenant: the one it names, else the default one. */
    public TenantId of(Context ctx) {
        return named(ctx).orElse(defaultTenant);
    }

    /** The tenant the request names by its header or host, if any. */
    public Optional<TenantId> named(Context ctx) {
        if (byHost != null) {
            return byHost.apply(ctx.header("Host"));
        }
        String value = ctx.header(header);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TenantId.of(value.strip()));
        } catch (IllegalArgumentException malformed) {
            throw new RefusedException(Problem.InvalidInput.of(header,
                    "must be a tenant id: 1-64 characters of a-z, 0-9, '-' and '_'"));
        }
    }
}
