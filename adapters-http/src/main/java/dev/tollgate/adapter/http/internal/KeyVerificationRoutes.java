package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.Permission;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.KeyVerification.Denied;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.KeyVerification.RateLimitState;
import dev.tollgate.port.api.metering.VerifyApiKey;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /v1/keys/verify}, which paying services call as a service actor holding
 * {@code keys.verify} (the service token or a service account's key), in the tenant the actor
 * acts in: is this
 * API key good, may it do this, and take the cost. A verdict, valid or refused, is a 200 answer
 * whose body says which ({@code valid}, {@code reason}): a granted check or a
 * {@link Denied} one. The rate-limit state travels in {@code RateLimit-*} headers, with
 * {@code Retry-After} when the key is rate limited. A refusal that is no verdict is an error,
 * answered as any refusal: 422 {@code VALIDATION_FAILED} for a cost or meter name the use case
 * finds out of range, like a body without {@code key}, and 422 {@code UNKNOWN_METER} for a meter
 * no plan names. A cost of 0 checks the key and answers its meters without taking anything.
 */
public final class KeyVerificationRoutes {

    private final VerifyApiKey verification;
    private final ServiceAuthentication auth;
    private final JsonBodies json;
    private final Answers answers;
    private final RequestScope scope;
    private final Clock clock;

    public KeyVerificationRoutes(VerifyApiKey verification, ServiceAuthentication auth, JsonBodies json,
            Answers answers, RequestScope scope, Clock clock) {
        this.verification = Objects.requireNonNull(verification, "verification");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/keys/verify", this::verify);
    }

    private void verify(Context ctx) {
        Outcome<Granted> answer = auth.require(ctx, Permission.KEYS_VERIFY, scope.origin(ctx))
                .flatMap(tenant -> json.read(ctx, Requests.KeyCheck.class)
                        .flatMap(in -> in.toCheck(tenant, scope.origin(ctx))))
                .flatMap(verification::verify);
        if (answer instanceof Denied denied) {
            rateLimitHeaders(ctx, denied.rateLimit(), denied.problem() instanceof Problem.RateLimited);
            json.write(ctx, 200, Responses.KeyVerification.of(denied));
        } else {
            // granted, or no verdict at all (a check the use case cannot judge): as every use case's outcome
            answers.write(ctx, answer, 200, granted -> {
                rateLimitHeaders(ctx, Optional.of(granted.rateLimit()), false);
                return Responses.KeyVerification.of(granted);
            });
        }
    }

    /** {@code RateLimit-*} when the check reached the rate limit, and {@code Retry-After} when it stopped there. */
    private void rateLimitHeaders(Context ctx, Optional<RateLimitState> state, boolean limited) {
        state.ifPresent(rate -> {
            long reset = secondsUntil(rate.resetsAt());
            ctx.header("RateLimit-Limit", Integer.toString(rate.limit()));
            ctx.header("RateLimit-Remaining", Integer.toString(rate.remaining()));
            ctx.header("RateLimit-Reset", Long.toString(reset));
            if (limited) {
                ctx.header("Retry-After", Long.toString(Math.max(1, reset)));
            }
        });
    }

    /** Whole seconds from now until {@code moment}, rounded up; 0 when it has passed. */
    private long secondsUntil(Instant moment) {
        Duration left = Duration.between(clock.instant(), moment);
        if (left.isNegative()) {
            return 0;
        }
        return left.getNano() > 0 ? left.getSeconds() + 1 : left.getSeconds();
    }
}
