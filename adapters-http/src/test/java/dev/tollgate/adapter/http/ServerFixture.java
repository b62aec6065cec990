package dev.tollgate.adapter.http;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.otp.JavaOtpTotpAlgorithm;
import dev.tollgate.adapter.zxing.ZxingQrCodes;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.adapter.memory.metering.BatchingUsageSink;
import dev.tollgate.core.CoreDependencies;
import dev.tollgate.core.CoreServices;
import dev.tollgate.port.Email;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The core wired in-process over in-memory stores, a recording mailer, a fast hasher, a fixed
 * sealing key (so API keys are recoverable) and a clock the test moves, served by a real
 * {@link HttpApi} on a random port.
 */
final class ServerFixture implements AutoCloseable {

    static final String PASSWORD = "correct-Horse-7-battery";
    /** 32 bytes, as AES-256 sealing needs. */
    private static final byte[] SEALING_KEY = "http-test-sealing-key-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
    final RecordingMailer mailer = new RecordingMailer();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicBoolean ready = new AtomicBoolean(true);
    final AtomicReference<List<String>> degraded = new AtomicReference<>(List.of());
    final CoreServices core;
    final BatchingUsageSink usageSink;
    final HttpApi api;
    final ApiClient client;

    ServerFixture() {
        this(UnaryOperator.identity());
    }

    ServerFixture(UnaryOperator<HttpSettings> tune) {
        this(UnaryOperator.identity(), tune, useCases -> useCases);
    }

    ServerFixture(UnaryOperator<TollgateSettings> tuneCore, UnaryOperator<HttpSettings> tune, UnaryOperator<UseCases> wrap) {
        this(SEALING_KEY, tuneCore, tune, wrap);
    }

    /** A server whose core has no sealing key: API keys are kept as digests only and cannot be revealed. */
    static ServerFixture withoutSealingKey() {
        return new ServerFixture(null, UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
    }

    private ServerFixture(byte[] sealingKey, UnaryOperator<TollgateSettings> tuneCore, UnaryOperator<HttpSettings> tune,
            UnaryOperator<UseCases> wrap) {
        SeededRandomSource random = new SeededRandomSource(7);
        TollgateSettings settings = tuneCore.apply(TollgateSettings.defaults());
        Stores stores = InMemoryStores.create().asStores();
        this.usageSink = new BatchingUsageSink(stores.usage(), settings.usage(), settings.plans().zone(), clock);
        this.core = new CoreServices(new CoreDependencies(stores, usageSink, mailer,
                new FastTestPasswordHasher(random), new LengthStrengthEstimator(), clock, random, Runnable::run,
                "http-test-digest-key".getBytes(StandardCharsets.UTF_8), sealingKey, settings,
                JavaOtpTotpAlgorithm.create(), ZxingQrCodes.create(), null));
        UseCases useCases = wrap.apply(new UseCases(core.registration(), core.sessions(), core.emailAddresses(),
                core.profiles(), core.passwords(), core.accounts(), core.apiKeys(), core.verification(),
                core.usageReports(), core.subscriptions(), core.staff(), core.firstRun(), core.serviceAccounts(),
                core.tenants(), core.administration(), core.statistics(), core.auditSearch(), core.secondFactors(),
                core.ipRules(), core.networkAccess()));
        api = new HttpApi(useCases, tune.apply(HttpSettings.defaults().withPort(0)), ready::get, degraded::get, registry,
                "1.2.3-test", clock);
        int port = api.start();
        client = new ApiClient(port);
    }

    /** Registers {@code username} at {@code username@example.com} with {@link #PASSWORD} and logs in: the session token. */
    String signedIn(String username) {
        ApiClient.Reply registered = client.post("/v1/users/register").json(ApiClient.json("username", username,
                "email", username + "@example.com", "password", PASSWORD)).send();
        if (registered.status() != 201) {
            throw new AssertionError("registration failed: " + registered.body());
        }
        return login(username, PASSWORD);
    }

    String login(String login, String password) {
        ApiClient.Reply reply = client.post("/v1/users/login").json(ApiClient.json("login", login, "password", password))
                .send();
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply.body());
        }
        return reply.json().path("session_token").asText();
    }

    /** A user of {@code tenant}, created through the core with {@link #PASSWORD} at {@code username@example.com}, verified. */
    UserRef member(TenantId tenant, String username) {
        String email = username + "@example.com";
        UserRef user = core.registration().register(new Registration(tenant, username, email, PASSWORD, null, null,
                RequestContext.NONE)).orElseThrow().user().ref();
        core.emailAddresses().verifyAddress(tenant, email, lastCode(email), RequestContext.NONE).orElseThrow();
        return user;
    }

    /** Logs {@code username} of {@code tenant} in over HTTP: the session token. */
    String login(TenantId tenant, String username) {
        ApiClient.Reply reply = client.post("/v1/users/login").header("Tollgate-Tenant", tenant.value())
                .json(ApiClient.json("login", username, "password", PASSWORD)).send();
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply.body());
        }
        return reply.json().path("session_token").asText();
    }

    /** A verified user of {@code tenant} granted {@code role} by the system, signed in: the session token. */
    String staff(TenantId tenant, String username, String role) {
        UserRef user = member(tenant, username);
        core.staff().grant(Actor.system(), user, role, "test staff", RequestContext.NONE).orElseThrow();
        return login(tenant, username);
    }

    /** Creates the tenant {@code id} as the system. */
    TenantId tenant(String id) {
        return core.tenants().create(Actor.system(), TenantId.of(id), "Tenant " + id, RequestContext.NONE).orElseThrow()
                .id();
    }

    /** A service account of {@code tenant} holding {@code permissions}, created by the system: its key. */
    String serviceAccount(TenantId tenant, Permission... permissions) {
        return core.serviceAccounts().create(Actor.system(), tenant, "test account", Set.of(permissions),
                RequestContext.NONE).orElseThrow().key();
    }

    String lastCode(String address) {
        return mailer.lastCodeFor(Email.of(address)).orElseThrow(() -> new AssertionError("no code mailed to " + address));
    }

    @Override
    public void close() {
        api.stop();
        usageSink.close();
    }
}
