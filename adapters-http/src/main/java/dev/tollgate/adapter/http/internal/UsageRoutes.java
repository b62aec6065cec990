package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.UsageReports;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Objects;

/**
 * {@code GET /v1/users/usage}: the signed-in user's plan and meters as of now, and the daily
 * usage of the last {@code days} days (default 30). {@code GET /v1/users/usage/events}: the
 * signed-in user's recorded calls, newest first, a page at a time ({@code limit}, {@code cursor}).
 */
public final class UsageRoutes {

    /** Days of history when the request names none. */
    static final int DEFAULT_DAYS = 30;

    private final UsageReports usage;
    private final Answers answers;
    private final BearerAuthentication auth;

    public UsageRoutes(UsageReports usage, Answers answers, BearerAuthentication auth) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.auth = Objects.requireNonNull(auth, "auth");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/v1/users/usage", this::report);
        routes.get("/v1/users/usage/events", this::events);
    }

    private void report(Context ctx) {
        answers.write(ctx, auth.requireSessionOrApiKey(ctx)
                .flatMap(principal -> days(ctx).flatMap(days -> usage.report(principal.user(), days))), 200,
                Responses.Usage::of);
    }

    /** A session's, not an API key's: the call log names request ids and tags the key's services sent. */
    private void events(Context ctx) {
        answers.write(ctx, auth.require(ctx).flatMap(principal -> {
            QueryParams params = new QueryParams(ctx);
            PageRequest page = params.page();
            return params.then(() -> page).flatMap(request -> usage.events(principal.user(), request));
        }), 200, page -> AdminResponses.PageBody.of(page, Responses.UsageEvent::of));
    }

    /** The {@code days} query parameter; the use case judges the range, text that is no number is refused here. */
    private static Outcome<Integer> days(Context ctx) {
        String value = ctx.queryParam("days");
        if (value == null) {
            return Outcome.done(DEFAULT_DAYS);
        }
        if (value.matches("[0-9]{1,4}")) {
            return Outcome.done(Integer.parseInt(value));
        }
        return Outcome.refused(Problem.InvalidInput.of("days", "must be 1 to " + UsageReports.MAX_DAYS));
    }
}
