package dev.tollgate.core;

import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.account.InMemoryAccountArchive;
import dev.tollgate.adapter.memory.audit.InMemoryAuditLog;
import dev.tollgate.adapter.memory.code.InMemoryOneTimeCodeStore;
import dev.tollgate.adapter.memory.key.InMemoryApiKeyStore;
import dev.tollgate.adapter.memory.limit.InMemoryWindowCounters;
import dev.tollgate.adapter.memory.mail.RecordingMailer;
import dev.tollgate.adapter.memory.metering.BatchingUsageSink;
import dev.tollgate.adapter.memory.metering.InMemoryMeterLedger;
import dev.tollgate.adapter.memory.metering.InMemorySubscriptionStore;
import dev.tollgate.adapter.memory.metering.InMemoryUsageLog;
import dev.tollgate.adapter.memory.session.InMemorySessionStore;
import dev.tollgate.adapter.memory.user.InMemoryUserStore;
import dev.tollgate.adapter.otp.JavaOtpTotpAlgorithm;
import dev.tollgate.adapter.zxing.ZxingQrCodes;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.session.SessionTokens;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditFilter;
import dev.tollgate.port.spi.audit.AuditLog;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.port.spi.metering.UsageSink;
import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.port.spi.random.RandomSource;
import dev.tollgate.port.spi.user.UserStore;
import dev.tollgate.tck.support.FastTestPasswordHasher;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The core wired to the in-memory stores, a clock the test moves, a seeded random source, a
 * fast test hasher and a recording mailer. Each test builds its own.
 */
final class CoreFixture {

    static final String PASSWORD = "correct-Horse-7-battery";
    static final RequestContext ORIGIN = RequestContext.of("203.0.113.7", "JUnit/6");
    /** A fixed AES-256 key, so API keys are recoverable in core tests. */
    static final byte[] SEALING_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-05T09:00:00Z"));
    final RandomSource random = new SeededRandomSource(42);
    final InMemoryStores memory = InMemoryStores.create();
    final InMemoryUserStore users = memory.userStore();
    final InMemorySessionStore sessionStore = memory.sessionStore();
    final InMemoryOneTimeCodeStore codeStore = memory.oneTimeCodeStore();
    final InMemoryWindowCounters counters = memory.windowCounters();
    final InMemoryAuditLog auditLog = memory.auditLog();
    /** Every audit event in order, including those with no subject (the store finds events by subject). */
    final List<AuditEvent> auditEvents = new CopyOnWriteArrayList<>();
    final InMemoryAccountArchive archive = memory.accountArchive();
    final InMemoryApiKeyStore apiKeyStore = memory.apiKeyStore();
    final InMemoryMeterLedger meters = memory.meterLedger();
    final InMemorySubscriptionStore subscriptions = memory.subscriptionStore();
    final InMemoryUsageLog usage = memory.usageLog();
    final RecordingMailer mailer = new RecordingMailer();
    final TollgateSettings settings;
    /** Where verifications hand their usage events, as the builder wires it; tests flush it to read the usage log. */
    final BatchingUsageSink usageSink;
    final PasswordHasher hasher;
    final CoreServices core;

    CoreFixture() {
        this(UnaryOperator.identity());
    }

    CoreFixture(UnaryOperator<TollgateSettings> tune) {
        this(tune, null, Runnable::run);
    }

    CoreFixture(UnaryOperator<TollgateSettings> tune, PasswordHasher hasherOrNull, Executor background) {
        this.settings = tune.apply(TollgateSettings.defaults());
        this.usageSink = new BatchingUsageSink(usage, settings.usage(), settings.plans().zone(), clock);
        this.hasher = hasherOrNull != null ? hasherOrNull : new FastTestPasswordHasher(random);
        AuditLog recordingLog = new AuditLog() {
            @Override
            public void append(AuditEvent event) {
                auditEvents.add(event);
                auditLog.append(event);
            }

            @Override
            public List<AuditEvent> findBySubject(TenantId tenant, UserId subject, int limit) {
                return auditLog.findBySubject(tenant, subject, limit);
            }

            @Override
            public List<AuditEvent> search(AuditFilter filter, UUID before, int limit) {
                return auditLog.search(filter, before, limit);
            }
        };
        this.core = new CoreServices(dependencies(memory.asStores().withAuditLog(recordingLog), usageSink, background,
                settings, SEALING_KEY));
    }

    Registration registration(String username) {
        return Registration.of(TenantId.DEFAULT, username, username + "@example.com", PASSWORD).withContext(ORIGIN);
    }

    /** Registers {@code username} with {@link #PASSWORD}; the address is {@code username@example.com}. */
    Registered register(String username) {
        return core.registration().register(registration(username)).orElseThrow();
    }

    UserRef registerVerified(String username) {
        Registered registered = register(username);
        UserRef ref = registered.user().ref();
        core.emailAddresses().verify(ref, lastCode(username + "@example.com"), ORIGIN).orElseThrow();
        return ref;
    }

    Outcome<SessionTokens> login(String login, String password) {
        return core.sessions().login(Login.of(TenantId.DEFAULT, login, password).withContext(ORIGIN));
    }

    SessionTokens loggedIn(String username) {
        return login(username, PASSWORD).orElseThrow();
    }

    String lastCode(String address) {
        return mailer.lastCodeFor(Email.of(address)).orElseThrow(() -> new AssertionError("no code mailed to " + address));
    }

    /** What the core wrote to the audit log about {@code user}, newest first. */
    List<AuditEvent> audit(UserRef user) {
        return auditLog.findBySubject(user.tenant(), user.id(), 1000);
    }

    /** The fixture's stores, as the core gets them. */
    Stores stores() {
        return memory.asStores();
    }

    /** Another core over the same stores, mailer, clock and settings, but {@code users} in place of the user store. */
    CoreServices overUsers(UserStore users) {
        return new CoreServices(dependencies(memory.asStores().withUsers(users), usageSink, Runnable::run, settings,
                SEALING_KEY));
    }

    /** Another core over the same stores, mailer and clock, as a restart with other settings builds it. */
    CoreServices restartedWith(UnaryOperator<TollgateSettings> tune) {
        TollgateSettings restarted = tune.apply(settings);
        return new CoreServices(dependencies(memory.asStores(),
                new BatchingUsageSink(usage, restarted.usage(), restarted.plans().zone(), clock), Runnable::run, restarted,
                SEALING_KEY));
    }

    /** Another core over the same stores, mailer, clock and settings, without a master key to seal secrets. */
    CoreServices withoutSealingKey() {
        return new CoreServices(dependencies(memory.asStores(), usageSink, Runnable::run, settings, null));
    }

    /**
     * What the builder hands the core, with this fixture's mailer, hasher, clock and random
     * source, the real TOTP algorithm and QR codes, and no bus (one process).
     */
    CoreDependencies dependencies(Stores stores, UsageSink sink, Executor background, TollgateSettings tuned,
            byte[] sealingKey) {
        return dependencies(stores, sink, background, tuned, sealingKey, null);
    }

    /** As {@link #dependencies(Stores, UsageSink, Executor, TollgateSettings, byte[])}, the processes sharing {@code bus}. */
    CoreDependencies dependencies(Stores stores, UsageSink sink, Executor background, TollgateSettings tuned,
            byte[] sealingKey, InvalidationBus bus) {
        return new CoreDependencies(stores, sink, mailer, hasher, new ListStrengthEstimator(), clock, random, background,
                "core-test-digest-key".getBytes(StandardCharsets.UTF_8), sealingKey, tuned,
                JavaOtpTotpAlgorithm.create(), ZxingQrCodes.create(), bus);
    }

    /** Another process over the same stores, mailer, clock and settings, hearing the others on {@code bus} (or none). */
    CoreServices anotherProcess(InvalidationBus bus) {
        return new CoreServices(dependencies(memory.asStores(), usageSink, Runnable::run, settings, SEALING_KEY, bus));
    }
}
