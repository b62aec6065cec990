package dev.tollgate.adapter.http.internal;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Times every request as {@code http.server.requests} (Prometheus:
 * {@code http_server_requests_seconds}) with latency histogram buckets, tagged by method,
 * route template ({@code /v1/users/sessions/{id}}, never the raw path, so ids do not explode
 * the series; {@code UNMATCHED} for unknown paths) and status.
 */
public final class RouteMetrics {

    static final String NAME = "http.server.requests";
    private static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;

    public RouteMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void record(Context ctx, long nanos) {
        Timer.builder(NAME)
                .description("HTTP requests by route template, method and status")
                .tag("method", ctx.method().name())
                .tag("uri", template(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    private static String template(Context ctx) {
        try {
            Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
            return matched == null ? UNMATCHED : matched.path;
        } catch (RuntimeException noneMatched) {
            return UNMATCHED;
        }
    }
}
