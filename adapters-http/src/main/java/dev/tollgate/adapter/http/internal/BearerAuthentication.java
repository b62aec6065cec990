package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.ApiKeys;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.Sessions;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * Resolves {@code Authorization: Bearer <session_token>} to a {@link Principal} through
 * {@link Sessions#authenticate} and, on the user's own read routes only, the user's API key
 * through {@link ApiKeys#authenticate}. A missing or malformed header is
 * {@code UNAUTHENTICATED} (an {@link HttpFailure}); a token the use case refuses is that refusal
 * ({@code INVALID_TOKEN}), answered like any other. A session of another tenant than the
 * request's ({@link Tenancy}) is treated as an invalid token.
 */
public final class BearerAuthentication {

    private static final String SCHEME = "Bearer ";

    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final Tenancy tenancy;

    public BearerAuthentication(Sessions sessions, ApiKeys apiKeys, Tenancy tenancy) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.tenancy = Objects.requireNonNull(tenancy, "tenancy");
    }

    /** The bearer token of the request, or throws {@link HttpFailure} {@code UNAUTHENTICATED}. */
    static String bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new HttpFailure(TransportError.UNAUTHENTICATED);
        }
        String token = header.substring(SCHEME.length()).strip();
        if (token.isEmpty()) {
            throw new HttpFailure(TransportError.UNAUTHENTICATED);
        }
        return token;
    }

    /**
     * Who the request is made by, proven by a session: what every route that changes something,
     * and every session route, requires. An API key is an invalid token here.
     */
    public Outcome<Principal> require(Context ctx) {
        String token = bearerToken(ctx);
        TenantId tenant = tenancy.of(ctx);
        return sessions.authenticate(tenant, token).flatMap(principal -> ofTenant(principal, tenant));
    }

    /**
     * Who the request is made by, proven by a session or by one of the user's own API keys: for
     * the routes that only read the user's own profile, usage and key metadata. The principal
     * says which ({@link Principal#authenticatedBy()}); no credits are taken for the key.
     */
    public Outcome<Principal> requireSessionOrApiKey(Context ctx) {
        String token = bearerToken(ctx);
        TenantId tenant = tenancy.of(ctx);
        Outcome<Principal> bySession = sessions.authenticate(tenant, token);
        return (bySession.isDone() ? bySession : apiKeys.authenticate(tenant, token))
                .flatMap(principal -> ofTenant(principal, tenant));
    }

    private static Outcome<Principal> ofTenant(Principal principal, TenantId tenant) {
        return principal.user().tenant().equals(tenant) ? Outcome.done(principal)
                : Outcome.refused(new Problem.InvalidToken());
    }
}
