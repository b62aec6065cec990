package dev.tollgate.benchmarks;

import dev.tollgate.adapter.memory.metering.BatchingUsageSink;
import dev.tollgate.adapter.otp.JavaOtpTotpAlgorithm;
import dev.tollgate.adapter.zxing.ZxingQrCodes;
import dev.tollgate.core.CoreDependencies;
import dev.tollgate.core.CoreServices;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.settings.ApiKeySettings;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.mail.Mailer;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.password.StrengthEstimate;
import dev.tollgate.port.spi.random.RandomSource;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.SeededRandomSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The real core over a fresh store of the kind {@link #store} names, shared by the benchmark's
 * threads for one trial. Everything but the store is cheap on purpose: the test password hasher
 * (one salted SHA-256 instead of Argon2id), a strength estimator that calls every password
 * strong (instead of zxcvbn), a mailer that drops the mails, and work "in the background" run on
 * the calling thread. Audit events, one-time codes and rate-limit windows go to the store as in
 * production.
 *
 * <p>Before a login benchmark, {@value #USERS} users are registered; before a session-lookup
 * benchmark, each of them also logs in once, giving {@value #USERS} live sessions; before a
 * verify benchmark, each gets a balance and a rate limit no trial can exhaust, and their primary
 * API keys are used.
 */
@State(Scope.Benchmark)
public class CoreOnStore {

    static final int USERS = 1_000;
    static final String PASSWORD = "correct-Horse-7-battery";
    static final RequestContext ORIGIN = RequestContext.of("203.0.113.7", "tollgate-benchmarks");
    private static final byte[] DIGEST_KEY = "tollgate-benchmarks-digest-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final int PREPARING_THREADS = 4;
    /**
     * Keys work without a verified email here, so preparing users needs no mail round trip. The
     * throttles on logins and registrations are off: the benchmarks repeat them from one address
     * far beyond any limit; the one on failed key verifications stays, so a verification pays for
     * looking up its address's failures as it does in production.
     */
    private static final TollgateSettings SETTINGS = TollgateSettings.defaults()
            .withApiKeys(ApiKeySettings.DEFAULTS.withRequireVerifiedEmail(false))
            .withThrottles(ThrottleSettings.NONE.with(Action.KEY_VERIFICATION,
                    ThrottleSettings.DEFAULTS.rule(Action.KEY_VERIFICATION)));

    @Param({"MEMORY", "SQLITE", "POSTGRESQL"})
    public StoreKind store;

    private StoreKind.OpenedStore opened;
    CoreServices core;
    private BatchingUsageSink usageSink;
    String[] usernames = new String[0];
    String[] accessTokens = new String[0];
    String[] apiKeys = new String[0];
    private final AtomicLong registered = new AtomicLong();

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws Exception {
        opened = store.open();
        RandomSource random = new SeededRandomSource(20_261_121L);
        Mailer dropsMail = message -> { };
        PasswordStrengthEstimator everythingStrong = (password, userInputs) -> new StrengthEstimate(4, false);
        usageSink = new BatchingUsageSink(opened.stores().usage(), SETTINGS.usage(), SETTINGS.plans().zone(),
                Clock.systemUTC());
        core = new CoreServices(new CoreDependencies(opened.stores(), usageSink, dropsMail,
                new FastTestPasswordHasher(random), everythingStrong, Clock.systemUTC(), random, Runnable::run,
                DIGEST_KEY, null, SETTINGS, JavaOtpTotpAlgorithm.create(), ZxingQrCodes.create(), null));

        String benchmark = params.getBenchmark();
        boolean needsUsers = benchmark.endsWith(".login") || benchmark.endsWith(".authenticate")
                || benchmark.endsWith(".verify");
        if (needsUsers) {
            long started = System.nanoTime();
            usernames = new String[USERS];
            for (int i = 0; i < USERS; i++) {
                usernames[i] = "user" + i;
            }
            String[] keys = new String[USERS];
            forEach(USERS, i -> keys[i] = core.registration().register(registration(usernames[i])).orElseThrow()
                    .apiKey().secret());
            if (benchmark.endsWith(".verify")) {
                apiKeys = keys;
                // a balance and a rate limit no trial can exhaust, so every call is a full, granted verification
                forEach(USERS, i -> opened.stores().subscriptions().save(new Subscription(
                        core.accounts().findByLogin(TenantId.DEFAULT, usernames[i]).orElseThrow().ref(), "free",
                        Map.of("credits", Long.MAX_VALUE / 4), Integer.MAX_VALUE, Set.of(), Instant.now())));
            }
            if (benchmark.endsWith(".authenticate")) {
                accessTokens = new String[USERS];
                forEach(USERS, i -> accessTokens[i] = core.sessions().login(login(usernames[i])).orElseThrow().accessToken());
            }
            System.out.printf("%n[setup] %s: %d users%s prepared in %d ms%n", opened.description(), USERS,
                    accessTokens.length > 0 ? " with a session each" : "",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (usageSink != null) {
            usageSink.close();
        }
        if (opened != null) {
            opened.close();
        }
    }

    /** A registration with a username and email no one in this trial has used. */
    Registration nextRegistration() {
        return registration("reg" + registered.incrementAndGet());
    }

    static Registration registration(String username) {
        return Registration.of(TenantId.DEFAULT, username, username + "@bench.example", PASSWORD).withContext(ORIGIN);
    }

    static Login login(String username) {
        return Login.of(TenantId.DEFAULT, username, PASSWORD).withContext(ORIGIN);
    }

    private interface IndexTask {
        void run(int index);
    }

    /** Runs {@code task} for 0..count-1 on a few threads, failing on the first failure. */
    private static void forEach(int count, IndexTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PREPARING_THREADS);
        try {
            Future<?>[] parts = new Future<?>[PREPARING_THREADS];
            for (int p = 0; p < PREPARING_THREADS; p++) {
                int first = p;
                parts[p] = pool.submit(() -> {
                    for (int i = first; i < count; i += PREPARING_THREADS) {
                        task.run(i);
                    }
                });
            }
            for (Future<?> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
