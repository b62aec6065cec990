package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.RefusedException;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.RateLimitState;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.port.api.metering.VerifyApiKey;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code POST /v1/keys/verify}, which paying services call with their service token: is this
 * API key good, may it do this, and take the cost. A verdict, valid or refused, is a 200 answer
 * whose body says which ({@code valid}, {@code reason}); the key's rate-limit state travels in
 * {@code RateLimit-*} headers, with {@code Retry-After} when the key is rate limited. Only a
 * check the use case cannot judge is an error: 422 {@code VALIDATION_FAILED} for a cost or meter name
 * out of range, like a body without {@code key}, and 422 {@code UNKNOWN_METER} for a meter no plan
 * names. A cost of 0 checks the key and answers its meters without taking anything.
 */
public final class KeyVerificationRoutes {

    private final VerifyApiKey verification;
    private final ServiceAuthentication auth;
    private final JsonBodies json;
    private final RequestScope scope;
    private final Clock clock;
    private final TenantId tenant;

    public KeyVerificationRoutes(VerifyApiKey verification, ServiceAuthentication auth, JsonBodies json,
            RequestScope scope, Clock clock, TenantId tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.verification = Objects.requireNonNull(verification, "verification");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.json = Objects.requireNonNull(json, "json");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1/keys/verify", this::verify);
    }

    private void verify(Context ctx) {
        auth.require(ctx);
        Requests.KeyCheck in = json.read(ctx, Requests.KeyCheck.class);
        KeyVerification verdict = verification.verify(in.toCheck(tenant, scope.origin(ctx)));
        if (verdict.refusal() == ErrorCode.VALIDATION_FAILED) {
            throw new RefusedException(in.invalid());
        }
        if (verdict.refusal() == ErrorCode.UNKNOWN_METER) {
            throw new RefusedException(new Problem.UnknownMeter(Objects.requireNonNullElse(in.meter(), KeyCheck.DEFAULT_METER)));
        }
        RateLimitState rate = verdict.rateLimit();
        if (rate != null) {
            long reset = secondsUntil(rate.resetsAt());
            ctx.header("RateLimit-Limit", Integer.toString(rate.limit()));
            ctx.header("RateLimit-Remaining", Integer.toString(rate.remaining()));
            ctx.header("RateLimit-Reset", Long.toString(reset));
            if (verdict.refusal() == ErrorCode.RATE_LIMITED) {
                ctx.header("Retry-After", Long.toString(Math.max(1, reset)));
            }
        }
        json.write(ctx, 200, Responses.KeyVerification.of(verdict));
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
