package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.RefusedException;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.api.session.Principal;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * {@code GET /v1/users/usage}: the signed-in user's plan and meters as of now, and the daily
 * usage of the last {@code days} days (default 30).
 */
public final class UsageRoutes {

    /** Days of history when the request names none. */
    static final int DEFAULT_DAYS = 30;

    private final UsageReports usage;
    private final JsonBodies json;
    private final BearerAuthentication auth;

    public UsageRoutes(UsageReports usage, JsonBodies json, BearerAuthentication auth) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.json = Objects.requireNonNull(json, "json");
        this.auth = Objects.requireNonNull(auth, "auth");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/users/usage", this::report);
    }

    private void report(Context ctx) {
        Principal principal = auth.requireSessionOrApiKey(ctx);
        json.write(ctx, 200, Responses.Usage.of(usage.report(principal.user(), days(ctx)).orElseThrow()));
    }

    private static int days(Context ctx) {
        String value = ctx.queryParam("days");
        if (value == null) {
            return DEFAULT_DAYS;
        }
        if (value.matches("[0-9]{1,4}")) {
            return Integer.parseInt(value);
        }
        throw new RefusedException(Problem.InvalidInput.of("days", "must be 1 to " + UsageReports.MAX_DAYS));
    }
}
