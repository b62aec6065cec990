package dev.tollgate.benchmarks;

import dev.tollgate.Tollgate;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.port.settings.ApiKeySettings;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.settings.UsageSettings;
import dev.tollgate.port.spi.password.StrengthEstimate;
import dev.tollgate.port.spi.random.RandomSource;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.testing.mongo.MongoTestServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verify-and-consume (one credit) through {@link Tollgate} built as an embedder builds it, so
 * whatever the builder wires in (lookup caches, invalidation, batching, counters) is measured:
 * verifications per second with 32 threads, the connections of the wrk benchmark. Each trial
 * gets a fresh store; {@link #keys} chooses between 1,000 users' keys called at random
 * ({@code SPREAD}) and one user's one key, whose one balance every call takes from
 * ({@code HOT}: the contended case). Every call must be granted (a refusal fails the run): the
 * plan's allowance and rate limit are beyond any trial.
 *
 * <p>Only the password hasher (the test hasher; verification hashes nothing, registering the
 * users does), the strength estimator and the mailer are made cheap; the failed-verification
 * throttle stays on, as in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(32)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class VerifyBenchmark {

    /** Which keys the calls use. */
    public enum Keys {
        /** 1,000 users' primary keys, one chosen at random per call. */
        SPREAD,
        /** One user's primary key for every call: one key row, one balance, one rate-limit window. */
        HOT
    }

    static final int USERS = 1_000;
    private static final String PLAN = "bench";

    @Param({"MEMORY", "SQLITE", "POSTGRESQL"})
    public StoreKind store;

    @Param({"SPREAD", "HOT"})
    public Keys keys;

    /**
     * The builder's lookup cache: {@code default} leaves the builder's choice, {@code off} reads
     * every lookup from the store (the state before issue 12), a duration ({@code PT10S}) sets
     * the safety expiry.
     */
    @Param({"default"})
    public String lookupCache;

    /**
     * The SQL stores' leases ({@code TOLLGATE_LEASES}): {@code off} (the default, group commit)
     * or {@code on} with {@link LeaseSettings#DEFAULTS}; {@code on} with the memory store fails
     * the trial, as the builder refuses it.
     */
    @Param({"off"})
    public String leases;

    /**
     * How long a verification waits for room in a full usage queue ({@code TOLLGATE_USAGE_FULL_QUEUE_WAIT},
     * ISO-8601): {@code PT0S} (the default) drops the event at once, so the figure counts answers
     * whether or not their events were written; a wait such as {@code PT1S} holds the callers to
     * the rate the usage writer keeps, so the figure counts verifications recorded (the teardown
     * prints the drops, which should then be none).
     */
    @Param({"PT0S"})
    public String usageWait;

    private Tollgate tollgate;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private StoreKind.OpenedStore scratch;
    private String[] apiKeys;

    @Setup(Level.Trial)
    public void open() throws Exception {
        Tollgate.Builder builder = Tollgate.builder()
                .mailer(message -> { })
                .passwordHasher(new FastTestPasswordHasher(RandomSource.secure()))
                .strengthEstimator((password, userInputs) -> new StrengthEstimate(4, false))
                .settings(settings(Duration.parse(usageWait)))
                .meterRegistry(registry);
        if (lookupCache.equals("off")) {
            builder.lookupCache(Duration.ZERO);
        } else if (!lookupCache.equals("default")) {
            builder.lookupCache(Duration.parse(lookupCache));
        }
        switch (store) {
            case MEMORY -> builder.inMemory();
            case SQLITE -> {
                Path directory = temporaryDirectory();
                scratch = new StoreKind.OpenedStore(null, "SQLite in " + directory, () -> StoreKind.deleteTree(directory));
                builder.sqlite(directory);
            }
            case POSTGRESQL -> {
                ScratchPostgresDatabase database = ScratchPostgresDatabase.create(ScratchPostgresDatabase.adminUrlFromEnvironment());
                scratch = new StoreKind.OpenedStore(null, "PostgreSQL database " + database.name(), database::close);
                builder.postgres(database.url(), null, null);
            }
            // the emulator runs in this JVM: its figures are the adapter's and the emulator's, not MongoDB's
            case MONGO_EMULATOR -> builder.mongo(MongoTestServer.emulatorUrl(), MongoTestServer.freshDatabase());
            default -> throw new IllegalStateException("no such store here: " + store);
        }
        switch (leases) {
            case "off" -> { }
            case "on" -> builder.leases(LeaseSettings.DEFAULTS);
            default -> throw new IllegalArgumentException("leases must be on or off, not " + leases);
        }
        tollgate = builder.build();
        long started = System.nanoTime();
        int users = keys == Keys.HOT ? 1 : USERS;
        apiKeys = new String[users];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] registered = new Future<?>[users];
            for (int i = 0; i < users; i++) {
                int index = i;
                registered[i] = pool.submit(() -> apiKeys[index] = tollgate.registration()
                        .register(CoreOnStore.registration("user" + index)).orElseThrow().apiKey().secret());
            }
            for (Future<?> each : registered) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("%n[setup] %s, %s: %d users prepared in %d ms%n", store, keys, users,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @TearDown(Level.Trial)
    public void close() {
        if (tollgate != null) {
            tollgate.close();
            // a verification's usage event is only queued: what the writer could not keep up with was dropped
            System.out.printf("%n[teardown] usage events written %.0f, dropped %.0f%n", usageEvents("written"),
                    usageEvents("dropped"));
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    private double usageEvents(String outcome) {
        FunctionCounter counter = registry.find("tollgate.usage.events").tag("outcome", outcome).functionCounter();
        return counter == null ? Double.NaN : counter.count();
    }

    /** Verifies a key and takes one credit, from a client address, checking the call was granted. */
    @Benchmark
    public Outcome<KeyVerification.Granted> verify() {
        String key = apiKeys[ThreadLocalRandom.current().nextInt(apiKeys.length)];
        Outcome<KeyVerification.Granted> answer = tollgate.verification()
                .verify(new KeyCheck(TenantId.DEFAULT, key, KeyCheck.DEFAULT_METER, 1, null, CoreOnStore.ORIGIN));
        if (!answer.isDone()) {
            throw new IllegalStateException("verification refused: " + answer.problem().code());
        }
        return answer;
    }

    /**
     * One plan no trial can exhaust (a huge daily allowance and key rate limit), keys without a
     * verified email, and only the failed-verification throttle on: the registrations of the
     * set-up come from one address far beyond its limit.
     */
    private static TollgateSettings settings(Duration usageWait) {
        Plan bench = new Plan(PLAN, Map.of(KeyCheck.DEFAULT_METER,
                new Plan.Allowance(Long.MAX_VALUE / 4, Plan.Period.DAILY)), Set.of(), ServiceLevel.HIGH,
                new Plan.RateLimit(Integer.MAX_VALUE, Duration.ofMinutes(1)));
        return TollgateSettings.defaults()
                .withPlans(new PlanSettings(PlanSettings.byName(List.of(bench)), PLAN, ZoneOffset.UTC))
                .withApiKeys(ApiKeySettings.DEFAULTS.withRequireVerifiedEmail(false))
                .withUsage(UsageSettings.DEFAULTS.withFullQueueWait(usageWait))
                .withThrottles(ThrottleSettings.NONE.with(Action.KEY_VERIFICATION,
                        ThrottleSettings.DEFAULTS.rule(Action.KEY_VERIFICATION)));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("tollgate-bench-sqlite-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
