package dev.tollgate.adapter.http;

import dev.tollgate.adapter.http.internal.AdminAuthentication;
import dev.tollgate.adapter.http.internal.AdminNetworkRoutes;
import dev.tollgate.adapter.http.internal.AdminRoutes;
import dev.tollgate.adapter.http.internal.AdminStaffRoutes;
import dev.tollgate.adapter.http.internal.Answers;
import dev.tollgate.adapter.http.internal.ApiKeyRoutes;
import dev.tollgate.adapter.http.internal.BearerAuthentication;
import dev.tollgate.adapter.http.internal.BillingRoutes;
import dev.tollgate.adapter.http.internal.Devices;
import dev.tollgate.adapter.http.internal.DocsRoutes;
import dev.tollgate.adapter.http.internal.EmailRoutes;
import dev.tollgate.adapter.http.internal.JsonBodies;
import dev.tollgate.adapter.http.internal.KeyVerificationRoutes;
import dev.tollgate.adapter.http.internal.NetworkGate;
import dev.tollgate.adapter.http.internal.OperationsRoutes;
import dev.tollgate.adapter.http.internal.ProblemErrorHandler;
import dev.tollgate.adapter.http.internal.ProblemMapper;
import dev.tollgate.adapter.http.internal.RequestScope;
import dev.tollgate.adapter.http.internal.RouteMetrics;
import dev.tollgate.adapter.http.internal.SecondFactorRoutes;
import dev.tollgate.adapter.http.internal.ServiceAuthentication;
import dev.tollgate.adapter.http.internal.Tenancy;
import dev.tollgate.adapter.http.internal.TransportError;
import dev.tollgate.adapter.http.internal.UsageRoutes;
import dev.tollgate.adapter.http.internal.UserRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.util.JavalinException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tollgate's HTTP server: the {@code /v1} JSON API over the use cases (the user routes, the
 * service routes {@code POST /v1/keys/verify} and {@code /v1/billing} for service accounts and
 * the bootstrap one of {@link HttpSettings#serviceToken()}, and the {@code /v1/admin} API for
 * staff and service accounts), each request in the tenant it chooses
 * ({@link HttpSettings#tenantResolution()}), {@code /health},
 * {@code /ready}, {@code /metrics}, {@code /openapi.json} and {@code /docs}. Before any route but the
 * probes, the metrics and the key verification, the client's address is judged against the IP
 * rules ({@link UseCases#network()}): a denied one is answered 403 {@code IP_BLOCKED}.
 *
 * <pre>{@code
 * HttpApi api = new HttpApi(useCases, HttpSettings.defaults().withPort(0), () -> true, registry, "1.0.0");
 * int port = api.start();
 * ...
 * api.stop();
 * }</pre>
 *
 * A server starts once; {@link #stop()} lets requests in flight finish (up to
 * {@link HttpSettings#shutdownTimeout()}), refusing new ones, then stops.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final UseCases useCases;
    private final HttpSettings settings;
    private final BooleanSupplier readiness;
    private final Supplier<List<String>> degradations;
    private final PrometheusMeterRegistry registry;
    private final String version;
    private final Clock clock;
    private Javalin server;
    private boolean stopped;

    /**
     * @param readiness answers whether the server may take traffic ({@code GET /ready});
     *                  called on every probe, so it must be cheap
     * @param registry  where request timers go; {@code /metrics} scrapes it, with whatever
     *                  other meters the application adds
     * @param version   the application version shown by {@code /health} and the OpenAPI document
     */
    public HttpApi(UseCases useCases, HttpSettings settings, BooleanSupplier readiness, PrometheusMeterRegistry registry,
            String version) {
        this(useCases, settings, readiness, registry, version, Clock.systemUTC());
    }

    /**
     * As {@link #HttpApi(UseCases, HttpSettings, BooleanSupplier, PrometheusMeterRegistry, String)},
     * with the clock the core uses, from which {@code Retry-After} and {@code RateLimit-Reset} seconds are counted.
     */
    public HttpApi(UseCases useCases, HttpSettings settings, BooleanSupplier readiness, PrometheusMeterRegistry registry,
            String version, Clock clock) {
        this(useCases, settings, readiness, List::of, registry, version, clock);
    }

    /**
     * As {@link #HttpApi(UseCases, HttpSettings, BooleanSupplier, PrometheusMeterRegistry, String, Clock)}, with
     * what runs degraded: {@code GET /ready} stays 200 while the server can serve correctly, and lists each
     * degradation (such as rate limits counted in the store while Redis is unreachable) under {@code degraded}.
     *
     * @param degradations what runs degraded now, in words for operators; empty when all is well. Called on
     *                     every probe, so it must be cheap
     */
    public HttpApi(UseCases useCases, HttpSettings settings, BooleanSupplier readiness,
            Supplier<List<String>> degradations, PrometheusMeterRegistry registry, String version, Clock clock) {
        this.degradations = Objects.requireNonNull(degradations, "degradations");
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.version = Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("version must not be blank");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Binds and starts serving; answers the bound port (the chosen one when the setting is 0). */
    public synchronized int start() {
        if (server != null || stopped) {
            throw new IllegalStateException("an HttpApi starts once");
        }
        Javalin created = Javalin.create(this::configure);
        created.start();
        server = created;
        return created.port();
    }

    /** The bound port; throws {@link IllegalStateException} when not started. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** The routes served, as {@code METHOD path} (such as {@code GET /v1/admin/users/{id}}), for tests. */
    synchronized List<String> routes() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.unsafe.internalRouter.allHttpHandlers().stream().map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path).sorted().toList();
    }

    /**
     * Stops gracefully: new requests are refused, requests in flight may finish within the
     * shutdown timeout, then the server stops whether or not they did. Idempotent.
     */
    public synchronized void stop() {
        stopped = true;
        if (server != null) {
            try {
                server.stop();
            } catch (JavalinException timedOut) {
                LOG.warn("requests in flight did not finish within {}; the server stopped anyway",
                        settings.shutdownTimeout());
            } finally {
                server = null;
            }
        }
    }

    private void configure(JavalinConfig config) {
        JsonBodies json = new JsonBodies(settings.maxBodyBytes());
        ProblemMapper problems = new ProblemMapper(json, clock);
        Answers answers = new Answers(json, problems);
        RequestScope scope = new RequestScope(settings.trustForwardedFor(), new RouteMetrics(registry));
        TenantResolution resolution = settings.tenantResolution();
        Tenancy tenancy = new Tenancy(resolution.header(),
                resolution.mode() == TenantResolution.Mode.HOST ? resolution::tenantOfHost : null, settings.tenant());
        BearerAuthentication auth = new BearerAuthentication(useCases.sessions(), useCases.apiKeys(), tenancy);
        ServiceAuthentication service = new ServiceAuthentication(
                settings.serviceBearerToken().map(ServiceToken::digest).orElse(null),
                HttpSettings.BOOTSTRAP_SERVICE_ACCOUNT, useCases.serviceAccounts(), tenancy);
        AdminAuthentication admin = new AdminAuthentication(useCases.sessions(), useCases.staff(),
                useCases.serviceAccounts(), service, tenancy);

        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        // Jetty refuses only far larger bodies outright; JsonBodies enforces the real limit and reads
        // a slightly larger body to its end, so the client gets its 413 instead of a reset
        config.http.maxRequestSize = JsonBodies.drainLimit(settings.maxBodyBytes());
        config.http.prefer405over404 = true;
        config.jetty.host = settings.host();
        config.jetty.port = settings.port();
        ProblemErrorHandler jettyErrors = new ProblemErrorHandler(json);
        config.jetty.modifyServer(jetty -> {
            jetty.setStopTimeout(settings.shutdownTimeout().toMillis());
            // while stopping, the graceful handler answers new requests 503 through the error handler
            jetty.setHandler(new GracefulHandler());
            jetty.setErrorHandler(jettyErrors);
        });
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
        if (settings.corsEnabled()) {
            List<String> origins = settings.corsOrigins();
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                rule.exposeHeader(RequestScope.REQUEST_ID_HEADER);
                rule.exposeHeader("Retry-After");
            }));
        }
        config.requestLogger.http(scope::end);
        config.routes.before(scope::begin);
        // once a route matched, after every plain before handler (the CORS plugin's among them, so a refusal carries
        // its headers); a request no route takes (404, 405, a CORS preflight) is answered as without the gate
        config.routes.beforeMatched(new NetworkGate(useCases.network(), tenancy, scope, settings.corsEnabled())::check);
        config.routes.exception(Exception.class, problems::handle);
        config.routes.error(404, ctx -> unmatched(ctx, problems, TransportError.NOT_FOUND));
        config.routes.error(405, ctx -> unmatched(ctx, problems, TransportError.METHOD_NOT_ALLOWED));
        new UserRoutes(useCases.registration(), useCases.sessions(), useCases.profiles(), useCases.emailAddresses(),
                useCases.passwords(), useCases.accounts(), tenancy, json, answers, auth, scope, new Devices(scope),
                settings.enumerationSafeRegistration()).addTo(config.routes);
        new SecondFactorRoutes(useCases.secondFactors(), json, answers, auth, scope).addTo(config.routes);
        new EmailRoutes(useCases.emailAddresses(), tenancy, json, answers, auth, scope).addTo(config.routes);
        new ApiKeyRoutes(useCases.apiKeys(), json, answers, auth, scope).addTo(config.routes);
        new UsageRoutes(useCases.usage(), answers, auth).addTo(config.routes);
        // the service routes always exist: service accounts can be created at any time; without a credential they answer 401
        new KeyVerificationRoutes(useCases.verification(), service, json, answers, scope, clock).addTo(config.routes);
        new BillingRoutes(useCases.subscriptions(), service, json, answers, scope).addTo(config.routes);
        new AdminRoutes(useCases.administration(), useCases.statistics(), useCases.auditSearch(), admin, json, answers,
                scope, clock).addTo(config.routes);
        new AdminNetworkRoutes(useCases.ipRules(), admin, json, answers, scope).addTo(config.routes);
        new AdminStaffRoutes(useCases.staff(), useCases.tenants(), useCases.serviceAccounts(), useCases.firstRun(), admin,
                tenancy, json, answers, scope).addTo(config.routes);
        new OperationsRoutes(json, problems, readiness, degradations, registry, settings.metricsEnabled(),
                settings.metricsBearerToken(), version).addTo(config.routes);
        new DocsRoutes(json, version).addTo(config.routes);
    }

    /**
     * No route took the request. A CORS preflight, when CORS is on, is answered 204 with no body
     * and no content type: the CORS plugin has set its headers (or none, for an origin it does
     * not allow, which the browser then refuses). Anything else is the problem document.
     */
    private void unmatched(Context ctx, ProblemMapper problems, TransportError error) {
        boolean preflight = ctx.method() == HandlerType.OPTIONS && ctx.header("Origin") != null
                && ctx.header("Access-Control-Request-Method") != null;
        if (settings.corsEnabled() && preflight) {
            ctx.status(204).result("");
            ctx.res().setContentType(null);
        } else {
            problems.writeUnlessAnswered(ctx, error);
        }
    }
}
