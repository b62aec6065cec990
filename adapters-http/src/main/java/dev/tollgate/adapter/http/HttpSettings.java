package dev.tollgate.adapter.http;

import dev.tollgate.port.ServiceAccountId;
import dev.tollgate.port.TenantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How the HTTP server listens and behaves. Validated on construction: an invalid combination
 * fails with a message naming the setting. {@link #defaults()} listens on 127.0.0.1:8080,
 * requests choosing their tenant by the {@code Tollgate-Tenant} header, with CORS off, 64 KiB bodies, metrics on without a token, and the
 * client address taken from the connection.
 *
 * @param host              the interface to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port              0 to 65535; 0 binds a free port
 * @param tenant            the default tenant: the one of a request that names none (see {@code tenantResolution})
 * @param corsOrigins       origins ({@code https://app.example.com}) allowed to call from a
 *                          browser; empty switches CORS off
 * @param maxBodyBytes      the largest request body accepted, 1 KiB to 16 MiB
 * @param metricsEnabled    whether {@code GET /metrics} exists
 * @param metricsToken      if not null, {@code /metrics} demands {@code Authorization: Bearer <token>};
 *                          at least 16 characters without spaces
 * @param trustForwardedFor whether the client address is the last entry of
 *                          {@code X-Forwarded-For} (the one the trusted proxy in front added)
 *                          rather than the connection's remote address (for the use cases and the
 *                          IP rules alike), and a last {@code X-Forwarded-Proto} of {@code https}
 *                          makes the device cookie {@code Secure}
 * @param shutdownTimeout   how long {@link HttpApi#stop()} lets requests in flight finish
 * @param serviceToken      the bootstrap service account's token, kept as its digest: services
 *                          present it to {@code POST /v1/keys/verify} and {@code /v1/billing}
 *                          (see {@link #BOOTSTRAP_SERVICE_ACCOUNT}); null: only service accounts'
 *                          keys are taken there
 * @param enumerationSafeRegistration whether {@code POST /v1/users/register} answers 202 alike
 *                          whether or not the address already has an account (the owner is mailed
 *                          a notice; the new primary key's secret is not answered), instead of 201
 *                          with the account and its key, or 409 {@code EMAIL_TAKEN}
 * @param tenantResolution  how a request chooses its tenant; by default the {@code Tollgate-Tenant} header
 */
public record HttpSettings(
        String host,
        int port,
        TenantId tenant,
        List<String> corsOrigins,
        int maxBodyBytes,
        boolean metricsEnabled,
        String metricsToken,
        boolean trustForwardedFor,
        Duration shutdownTimeout,
        ServiceToken serviceToken,
        boolean enumerationSafeRegistration,
        TenantResolution tenantResolution) {

    /**
     * The id of the bootstrap service account, the nil UUID: the configured {@code serviceToken}
     * acts as this service account, holding {@code keys.verify} and {@code billing.write} in the
     * default tenant. It is listed nowhere and cannot be revoked; unset the token instead.
     */
    public static final ServiceAccountId BOOTSTRAP_SERVICE_ACCOUNT = new ServiceAccountId(new UUID(0, 0));

    public static final int MIN_BODY_BYTES = 1024;
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{16,512}");

    public HttpSettings {
        Objects.requireNonNull(host, "http host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("http host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("http port must be 0 to 65535, was " + port);
        }
        Objects.requireNonNull(tenant, "http tenant");
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "http corsOrigins"));
        corsOrigins.forEach(HttpSettings::checkOrigin);
        if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException(
                    "http maxBodyBytes must be " + MIN_BODY_BYTES + " to " + MAX_BODY_BYTES + ", was " + maxBodyBytes);
        }
        if (metricsToken != null && !TOKEN.matcher(metricsToken).matches()) {
            throw new IllegalArgumentException("http metricsToken must be 16 to 512 visible characters without spaces");
        }
        if (metricsToken != null && !metricsEnabled) {
            throw new IllegalArgumentException("http metricsToken is set but metrics are disabled");
        }
        Objects.requireNonNull(shutdownTimeout, "http shutdownTimeout");
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero() || shutdownTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("http shutdownTimeout must be more than 0 and at most 5 minutes");
        }
        Objects.requireNonNull(tenantResolution, "http tenantResolution");
    }

    /** As the canonical constructor, with requests choosing their tenant by the {@code Tollgate-Tenant} header. */
    public HttpSettings(String host, int port, TenantId tenant, List<String> corsOrigins, int maxBodyBytes,
            boolean metricsEnabled, String metricsToken, boolean trustForwardedFor, Duration shutdownTimeout,
            ServiceToken serviceToken, boolean enumerationSafeRegistration) {
        this(host, port, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken, trustForwardedFor,
                shutdownTimeout, serviceToken, enumerationSafeRegistration, TenantResolution.byHeader());
    }

    /**
     * 127.0.0.1:8080, default tenant, CORS off, 64 KiB bodies, open metrics, no proxy trusted, 10 s to drain,
     * no service token (key verification off).
     */
    public static HttpSettings defaults() {
        return new HttpSettings("127.0.0.1", 8080, TenantId.DEFAULT, List.of(), 64 * 1024, true, null, false,
                Duration.ofSeconds(10), null, false, TenantResolution.byHeader());
    }

    private static void checkOrigin(String origin) {
        Objects.requireNonNull(origin, "http corsOrigins entry");
        try {
            URI uri = new URI(origin);
            boolean webScheme = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!webScheme || uri.getHost() == null || !bare) {
                throw new IllegalArgumentException("http corsOrigins entry must be scheme://host[:port], was " + origin);
            }
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("http corsOrigins entry is not a valid origin: " + origin, malformed);
        }
    }

    /** Whether browsers from other origins may call the API. */
    public boolean corsEnabled() {
        return !corsOrigins.isEmpty();
    }

    /** The bootstrap service account's token; empty when there is none. */
    public Optional<ServiceToken> serviceBearerToken() {
        return Optional.ofNullable(serviceToken);
    }

    /** The bearer token {@code /metrics} demands, if any. */
    public Optional<String> metricsBearerToken() {
        return Optional.ofNullable(metricsToken);
    }

    public HttpSettings withHost(String value) {
        return new HttpSettings(value, port, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    public HttpSettings withPort(int value) {
        return new HttpSettings(host, value, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    public HttpSettings withTenant(TenantId value) {
        return new HttpSettings(host, port, value, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    public HttpSettings withCorsOrigins(List<String> value) {
        return new HttpSettings(host, port, tenant, value, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    public HttpSettings withMaxBodyBytes(int value) {
        return new HttpSettings(host, port, tenant, corsOrigins, value, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    /** Metrics on or off; switching them off also drops the token. */
    public HttpSettings withMetrics(boolean enabled) {
        return new HttpSettings(host, port, tenant, corsOrigins, maxBodyBytes, enabled, enabled ? metricsToken : null,
                trustForwardedFor, shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    /** Metrics on, behind {@code token} (null: no token). */
    public HttpSettings withMetricsToken(String token) {
        return new HttpSettings(host, port, tenant, corsOrigins, maxBodyBytes, true, token, trustForwardedFor,
                shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    public HttpSettings withTrustForwardedFor(boolean value) {
        return new HttpSettings(host, port, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken, value,
                shutdownTimeout, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    public HttpSettings withShutdownTimeout(Duration value) {
        return new HttpSettings(host, port, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, value, serviceToken, enumerationSafeRegistration, tenantResolution);
    }

    /** The bootstrap service account's token ({@code ServiceToken.of(text)}); null: none. */
    public HttpSettings withServiceToken(ServiceToken token) {
        return new HttpSettings(host, port, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, token, enumerationSafeRegistration, tenantResolution);
    }

    /** Registration answers alike whether or not the address has an account (see the class docs). */
    public HttpSettings withEnumerationSafeRegistration(boolean value) {
        return new HttpSettings(host, port, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, serviceToken, value, tenantResolution);
    }

    /** How requests choose their tenant ({@link TenantResolution#byHeader()} or {@link TenantResolution#byHost}). */
    public HttpSettings withTenantResolution(TenantResolution value) {
        return new HttpSettings(host, port, tenant, corsOrigins, maxBodyBytes, metricsEnabled, metricsToken,
                trustForwardedFor, shutdownTimeout, serviceToken, enumerationSafeRegistration, value);
    }

    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", tenant=" + tenant + ", corsOrigins=" + corsOrigins
                + ", maxBodyBytes=" + maxBodyBytes + ", metricsEnabled=" + metricsEnabled + ", metricsToken="
                + (metricsToken == null ? "none" : "***") + ", trustForwardedFor=" + trustForwardedFor
                + ", shutdownTimeout=" + shutdownTimeout + ", serviceToken=" + (serviceToken == null ? "none" : "***")
                + ", enumerationSafeRegistration=" + enumerationSafeRegistration + ", tenantResolution="
                + tenantResolution + "]";
    }
}
