package dev.tollgate.adapter.http.internal;

import dev.tollgate.adapter.http.TenantResolution;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.RefusedException;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenant of a request, by the configured {@link TenantResolution}: the one the request
 * names, else the default tenant. A header that is no tenant id is refused with
 * {@code VALIDATION_FAILED} naming the header (thrown as a {@link RefusedException}, which the
 * {@link ProblemMapper} answers as the refusal it carries).
 */
public final class Tenancy {

    private final TenantResolution resolution;
    private final TenantId defaultTenant;

    public Tenancy(TenantResolution resolution, TenantId defaultTenant) {
        this.resolution = Objects.requireNonNull(resolution, "resolution");
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
        if (resolution.mode() == TenantResolution.Mode.HOST) {
            return resolution.tenantOfHost(ctx.header("Host"));
        }
        String value = ctx.header(resolution.header());
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(TenantId.of(value.strip()));
        } catch (IllegalArgumentException malformed) {
            throw new RefusedException(Problem.InvalidInput.of(resolution.header(),
                    "must be a tenant id: 1-64 characters of a-z, 0-9, '-' and '_'"));
        }
    }
}
