package dev.tollgate.adapter.http.internal;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What operators and orchestrators call: liveness, readiness (with what runs degraded) and Prometheus metrics
 * (optionally behind a bearer token, compared in constant time).
 */
public final class OperationsRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final JsonBodies json;
    private final ProblemMapper problems;
    private final BooleanSupplier readiness;
    private final Supplier<List<String>> degradations;
    private final PrometheusMeterRegistry registry;
    private final boolean metricsEnabled;
    private final Optional<byte[]> metricsToken;
    private final String version;

    public OperationsRoutes(JsonBodies json, ProblemMapper problems, BooleanSupplier readiness,
            Supplier<List<String>> degradations, PrometheusMeterRegistry registry, boolean metricsEnabled, Optional<String> metricsToken, String version) {
        this.json = Objects.requireNonNull(json, "json");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.degradations = Objects.requireNonNull(degradations, "degradations");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.metricsEnabled = metricsEnabled;
        this.metricsToken = metricsToken.map(token -> token.getBytes(StandardCharsets.UTF_8));
        this.version = Objects.requireNonNull(version, "version");
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/health", ctx -> json.write(ctx, 200, new Responses.Health("up", version)));
        routes.get("/ready", this::ready);
        if (metricsEnabled) {
            routes.get("/metrics", this::metrics);
        }
    }

    private void ready(Context ctx) {
        if (readiness.getAsBoolean()) {
            // degraded is still ready: the server answers correctly, only slower or with less sharing
            json.write(ctx, 200, new Responses.Readiness("ready", version, List.copyOf(degradations.get())));
        } else {
            problems.write(ctx, TransportError.NOT_READY);
        }
    }

    private void metrics(Context ctx) {
        if (metricsToken.isPresent()) {
            byte[] presented = BearerAuthentication.bearerToken(ctx).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(presented, metricsToken.get())) {
                throw new HttpFailure(TransportError.UNAUTHENTICATED);
            }
        }
        ctx.status(200).contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }
}
