package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.Outcome;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a route answers, from the {@link Outcome} its use case answered: the value's JSON body
 * with the route's status when done, the refusal's problem document (with its status and
 * headers, by the {@link ProblemMapper}) when refused. Refusals stay values all the way to the
 * response; only failures of the exchange itself ({@link HttpFailure}) and of infrastructure
 * are exceptions.
 */
public final class Answers {

    private final JsonBodies json;
    private final ProblemMapper problems;

    public Answers(JsonBodies json, ProblemMapper problems) {
        this.json = Objects.requireNonNull(json, "json");
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** Writes {@code outcome}: {@code body} of its value with {@code status}, or its problem. */
    public <T> void write(Context ctx, Outcome<T> outcome, int status, Function<? super T, ?> body) {
        if (outcome instanceof Outcome.Done<T> done) {
            json.write(ctx, status, body.apply(done.value()));
        } else {
            problems.refuse(ctx, outcome.problem());
        }
    }

    /** Writes {@code outcome}: 204 with no body, or its problem. */
    public void writeNoContent(Context ctx, Outcome<?> outcome) {
        if (outcome.isDone()) {
            ctx.status(204);
        } else {
            problems.refuse(ctx, outcome.problem());
        }
    }
}
