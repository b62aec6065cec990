package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.RefusedException;
import dev.tollgate.port.api.session.Principal;
import dev.tollgate.port.api.session.Sessions;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * Resolves {@code Authorization: Bearer <session_token>} to a {@link Principal} through
 * {@link Sessions#authenticate}. A missing or malformed header is {@code UNAUTHENTICATED}; a
 * token the use case refuses keeps its code ({@code INVALID_TOKEN}). A session of another
 * tenant than the one this server serves is treated as an invalid token.
 */
public final class BearerAuthentication {

    private static final String SCHEME = "Bearer ";

    private final Sessions sessions;
    private final TenantId tenant;

    public BearerAuthentication(Sessions sessions, TenantId tenant) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.tenant = Objects.requireNonNull(tenant, "tenant");
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

    /** Who the request is made by. */
    public Principal require(Context ctx) {
        Principal principal = sessions.authenticate(tenant, bearerToken(ctx)).orElseThrow();
        if (!principal.user().tenant().equals(tenant)) {
            throw new RefusedException(new Problem.InvalidToken());
        }
        return principal;
    }
}
