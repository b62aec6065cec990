package dev.tollgate;

import com.mongodb.client.MongoClient;
import dev.tollgate.adapter.caffeine.CaffeineWindowCounters;
import dev.tollgate.adapter.caffeine.cache.CachingStores;
import dev.tollgate.adapter.crypto.Argon2Parameters;
import dev.tollgate.adapter.crypto.Argon2idPasswordHasher;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.memory.cache.InProcessInvalidationBus;
import dev.tollgate.adapter.memory.metering.BatchingUsageSink;
import dev.tollgate.adapter.mongo.MongoStores;
import dev.tollgate.adapter.mongo.cache.MongoInvalidationBus;
import dev.tollgate.adapter.otp.JavaOtpTotpAlgorithm;
import dev.tollgate.adapter.postgres.PostgresInvalidationBus;
import dev.tollgate.adapter.postgres.PostgresStores;
import dev.tollgate.adapter.redis.RedisServices;
import dev.tollgate.adapter.sql.BatchCounts;
import dev.tollgate.adapter.sql.PoolSettings;
import dev.tollgate.adapter.sql.PoolUsage;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.adapter.sqlite.SqliteStores;
import dev.tollgate.adapter.zxcvbn.ZxcvbnStrengthEstimator;
import dev.tollgate.adapter.zxing.ZxingQrCodes;
import dev.tollgate.core.CoreDependencies;
import dev.tollgate.core.CoreServices;
import dev.tollgate.metrics.MeteredAuditLog;
import dev.tollgate.metrics.MeteredMailer;
import dev.tollgate.port.api.account.Accounts;
import dev.tollgate.port.api.admin.AuditSearch;
import dev.tollgate.port.api.admin.Statistics;
import dev.tollgate.port.api.admin.UserAdministration;
import dev.tollgate.port.api.audit.AuditTrail;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.key.ApiKeys;
import dev.tollgate.port.api.metering.Subscriptions;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.api.metering.VerifyApiKey;
import dev.tollgate.port.api.mfa.SecondFactors;
import dev.tollgate.port.api.network.IpRules;
import dev.tollgate.port.api.network.NetworkAccess;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.api.registration.RegisterUser;
import dev.tollgate.port.api.session.Sessions;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.ServiceAccounts;
import dev.tollgate.port.api.staff.Staff;
import dev.tollgate.port.api.tenant.Tenants;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.port.spi.mail.Mailer;
import dev.tollgate.port.spi.password.PasswordHasher;
import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.random.RandomSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Tollgate embedded in an application: user accounts, sessions, one-time codes and audit,
 * reached through the API ports. Build one with {@link #builder()} and close it when the
 * application stops. Thread-safe.
 *
 * <pre>{@code
 * try (Tollgate tollgate = Tollgate.builder().mailer(myMailer).build()) {
 *     tollgate.registration().register(Registration.of(TenantId.DEFAULT, "ada", "ada@example.com", password));
 * }
 * }</pre>
 */
public final class Tollgate implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Tollgate.class.getName());

    private final CoreServices core;
    private final BatchingUsageSink usageSink;
    private final ThreadPoolExecutor ownBackground;
    /** The store Tollgate opened and closes (a SQL database or a MongoDB client); null for stores given to it. */
    private final AutoCloseable ownStore;
    private final Shared shared;

    private Tollgate(CoreServices core, BatchingUsageSink usageSink, ThreadPoolExecutor ownBackground,
            AutoCloseable ownStore, Shared shared) {
        this.core = core;
        this.usageSink = usageSink;
        this.ownBackground = ownBackground;
        this.ownStore = ownStore;
        this.shared = shared;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creating accounts. */
    public RegisterUser registration() {
        return core.registration();
    }

    /** Logging in, authenticating requests, refreshing and ending sessions. */
    public Sessions sessions() {
        return core.sessions();
    }

    /** Verifying and changing email addresses. */
    public EmailAddresses emailAddresses() {
        return core.emailAddresses();
    }

    /** Viewing and updating profiles. */
    public Profiles profiles() {
        return core.profiles();
    }

    /** Changing and resetting passwords. */
    public Passwords passwords() {
        return core.passwords();
    }

    /** Finding accounts, deleting them, suspending and reactivating them. */
    public Accounts accounts() {
        return core.accounts();
    }

    /** A user's API keys. */
    public ApiKeys apiKeys() {
        return core.apiKeys();
    }

    /** Verify-and-consume: is this API key good, may it do this, and take N units of a meter. */
    public VerifyApiKey verification() {
        return core.verification();
    }

    /** Which plan each user is on, per-user overrides, and top-ups: what billing calls. */
    public Subscriptions subscriptions() {
        return core.subscriptions();
    }

    /** A user's meters and daily usage of their API keys. */
    public UsageReports usage() {
        return core.usageReports();
    }

    /** Reading the audit log. */
    public AuditTrail auditTrail() {
        return core.auditTrail();
    }

    /**
     * Staff roles: resolving a signed-in staff member to an {@link Actor}, granting, changing
     * and revoking roles within the tier rules.
     */
    public Staff staff() {
        return core.staff();
    }

    /** Creating the first super admin of a fresh installation. */
    public FirstRun firstRun() {
        return core.firstRun();
    }

    /** Non-human principals with a key and a permission set. */
    public ServiceAccounts serviceAccounts() {
        return core.serviceAccounts();
    }

    /** The tenants of this installation (super admins). */
    public Tenants tenants() {
        return core.tenants();
    }

    /**
     * What staff do to users: search, details, changes, suspension, credits, deletion. Every
     * call takes the acting {@link Actor} ({@link Actor#system()} for the application itself)
     * and is refused with {@code PERMISSION_DENIED} unless its role allows it.
     */
    public UserAdministration administration() {
        return core.administration();
    }

    /** A tenant's figures for staff. */
    public Statistics statistics() {
        return core.statistics();
    }

    /** Searching the audit log as staff. */
    public AuditSearch auditSearch() {
        return core.auditSearch();
    }

    /**
     * A user's own second factor: TOTP enrolment, recovery codes, turning it off. Enrolment needs
     * the {@linkplain Builder#masterKey master key}, which seals the secrets.
     */
    public SecondFactors secondFactors() {
        return core.secondFactors();
    }

    /** Staff's IP rules ({@code network.manage}): allow and deny ranges, automatic blocks. */
    public IpRules ipRules() {
        return core.ipRules();
    }

    /**
     * Whether a client address may use a tenant's API, judged in memory against the IP rules;
     * an embedding application calls it before its own handlers, as the HTTP server does.
     */
    public NetworkAccess networkAccess() {
        return core.networkAccess();
    }

    /**
     * Whether the store answers now, for readiness checks. Stores given ready-made through
     * {@link Builder#stores} are taken to be reachable.
     */
    public boolean storeReachable() {
        if (ownStore instanceof SqlDatabase sql) {
            return sql.reachable();
        }
        return !(ownStore instanceof MongoStores mongo) || mongo.reachable();
    }

    /**
     * What runs degraded now, for readiness reports: limits counted in the store because Redis
     * is unreachable, lookups read from the store because the invalidation channel is down.
     * Empty when everything runs as configured.
     */
    public List<String> degradations() {
        return shared.degradations();
    }

    /**
     * Writes the usage events still queued, stops the background executor Tollgate made for
     * itself (if the builder was not given one), letting queued work such as password-reset
     * mails finish for up to five seconds, then closes the connection pool or the MongoDB client
     * Tollgate opened (if it opened one). Data sources, MongoDB clients, stores and mailers given
     * to the builder belong to the caller, who closes them.
     */
    @Override
    public void close() {
        try {
            usageSink.close();
            if (ownBackground != null) {
                stopBackground();
            }
        } finally {
            try {
                shared.close();
            } finally {
                closeQuietly(ownStore);
            }
        }
    }

    /** Closes {@code store} (null: nothing); a failure to close is logged, not thrown, as the stores' own closes do. */
    private static void closeQuietly(AutoCloseable store) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing the store failed: " + e.getClass().getSimpleName());
        }
    }

    private void stopBackground() {
        ownBackground.shutdown();
        try {
            if (!ownBackground.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "background work still running after 5 s; stopping it");
                ownBackground.shutdownNow();
            }
        } catch (InterruptedException e) {
            ownBackground.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Where the default SQLite store keeps its file: {@code ./tollgate-data}. */
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("tollgate-data");

    /**
     * The store the builder was told to use: one to open, or one given ready-made; and the bus
     * that tells the other processes on that store what changed (none where only one process
     * can use the store, or where nothing is cached).
     */
    private record StoreChoice(String description, Supplier<SqlDatabase> opener, Supplier<MongoStores> mongoOpener,
            Stores given, Supplier<InvalidationBus> busOpener) {

        StoreChoice(String description, Supplier<SqlDatabase> opener, Supplier<InvalidationBus> busOpener) {
            this(description, opener, null, null, busOpener);
        }

        StoreChoice(String description, Stores given) {
            this(description, null, null, given, null);
        }

        static StoreChoice mongo(String description, Supplier<MongoStores> opener) {
            return new StoreChoice(description, null, opener, null, null);
        }

        SqlDatabase open() {
            return opener == null ? null : opener.get();
        }

        MongoStores openMongo() {
            return mongoOpener == null ? null : mongoOpener.get();
        }

        /** Whether lookups of this store are worth caching: a database, not memory. */
        boolean cacheable() {
            return busOpener != null || mongoOpener != null;
        }
    }

    /**
     * What this process shares with the others beside it: Redis, when configured, and the
     * invalidation bus of its caches. Closed with Tollgate.
     */
    private record Shared(RedisServices redis, InvalidationBus bus) implements AutoCloseable {

        static final Shared NOTHING = new Shared(null, null);

        List<String> degradations() {
            List<String> found = new ArrayList<>();
            if (redis != null) {
                redis.degradation().ifPresent(found::add);
            }
            if (bus != null && !bus.connected()) {
                found.add("cache invalidations are not arriving: lookups are read from the store until they do");
            }
            return List.copyOf(found);
        }

        @Override
        public void close() {
            try {
                if (bus != null) {
                    bus.close();
                }
            } finally {
                if (redis != null) {
                    redis.close();
                }
            }
        }
    }

    /**
     * Configures a {@link Tollgate}. Only the mailer is required; everything else has a
     * default. {@link #build()} checks the whole configuration and names the first setting
     * that is missing or conflicts.
     */
    public static final class Builder {

        /** The digest key used when none is configured: digests then are as strong as plain SHA-256. */
        private static final byte[] DEFAULT_DIGEST_KEY =
                "tollgate-public-default-digest-key-v1".getBytes(StandardCharsets.UTF_8);
        private static final int MIN_DIGEST_KEY_BYTES = 32;
        private static final int BACKGROUND_QUEUE = 10_000;
        /** The prefix of Tollgate's keys and channel in Redis unless {@link #redis(String, String)} names another. */
        public static final String DEFAULT_REDIS_PREFIX = "tollgate:";
        /** How long a cached lookup lives at most by default. */
        public static final Duration DEFAULT_LOOKUP_CACHE_EXPIRY = Duration.ofSeconds(10);

        private StoreChoice storeChoice;
        private Mailer mailer;
        private PasswordHasher passwordHasher;
        private Argon2Parameters argon2;
        private PasswordStrengthEstimator strengthEstimator;
        private Clock clock = Clock.systemUTC();
        private RandomSource random;
        private TollgateSettings settings = TollgateSettings.defaults();
        private byte[] digestKey;
        private byte[] masterKey;
        private Executor background;
        private MeterRegistry meterRegistry;
        private boolean inProcessRateLimits;
        private LeaseSettings leases;
        private String redisUrl;
        private String redisKeyPrefix;
        private Duration lookupCacheExpiry = DEFAULT_LOOKUP_CACHE_EXPIRY;

        private Builder() {
        }

        /**
         * Keeps the data in SQLite under {@code dataDirectory} (file {@code tollgate.db}),
         * creating it if needed. This is the default, with {@link #DEFAULT_DATA_DIRECTORY}.
         */
        public Builder sqlite(Path dataDirectory) {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            return choose(new StoreChoice("SQLite in " + dataDirectory, () -> SqliteStores.inDirectory(dataDirectory),
                    InProcessInvalidationBus::new));
        }

        /** Keeps the data in SQLite at a JDBC URL ({@code jdbc:sqlite:/path/to/file.db}). */
        public Builder sqlite(String jdbcUrl) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            return choose(new StoreChoice("SQLite at a JDBC URL",
                    () -> SqliteStores.open(jdbcUrl, SqliteStores.DEFAULT_POOL), InProcessInvalidationBus::new));
        }

        /**
         * Keeps the data in SQLite through the application's data source, which it configures
         * (WAL mode, busy timeout, immediate transactions) and closes.
         */
        public Builder sqlite(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            return choose(new StoreChoice("SQLite through a data source", () -> SqliteStores.over(dataSource),
                    InProcessInvalidationBus::new));
        }

        /**
         * Keeps the data in PostgreSQL, through a pool with {@link PostgresStores#DEFAULT_POOL}'s
         * settings that Tollgate opens (and closes) to {@code jdbcUrl}.
         */
        public Builder postgres(String jdbcUrl, String user, String password) {
            return postgres(jdbcUrl, user, password, PostgresStores.DEFAULT_POOL);
        }

        /** Keeps the data in PostgreSQL, through a pool with the given settings. */
        public Builder postgres(String jdbcUrl, String user, String password, PoolSettings pool) {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(pool, "pool");
            return choose(new StoreChoice("PostgreSQL at a JDBC URL",
                    () -> PostgresStores.open(jdbcUrl, user, password, pool),
                    () -> PostgresInvalidationBus.connecting(jdbcUrl, user, password)));
        }

        /** Keeps the data in PostgreSQL through the application's data source, which it closes. */
        public Builder postgres(DataSource dataSource) {
            Objects.requireNonNull(dataSource, "dataSource");
            return choose(new StoreChoice("PostgreSQL through a data source", () -> PostgresStores.over(dataSource),
                    () -> PostgresInvalidationBus.through(dataSource)));
        }

        /**
         * Keeps the data in MongoDB: a client Tollgate makes (and closes) to {@code connectionString}
         * ({@code mongodb://host[:port][/?options]} or {@code mongodb+srv://...}), the stores in
         * {@code database}. Several processes may share it; their caches are invalidated through
         * the database (or Redis, when configured).
         */
        public Builder mongo(String connectionString, String database) {
            return mongo(connectionString, database, null, null);
        }

        /**
         * As {@link #mongo(String, String)}, authenticating as {@code user} with {@code password}
         * against the connection string's database (or {@code admin} when it names none).
         */
        public Builder mongo(String connectionString, String database, String user, String password) {
            Objects.requireNonNull(connectionString, "connectionString");
            Objects.requireNonNull(database, "database");
            return choose(StoreChoice.mongo("MongoDB database " + database,
                    () -> MongoStores.open(connectionString, database, user, password)));
        }

        /** Keeps the data in MongoDB through the application's client, which stays the application's to close. */
        public Builder mongo(MongoClient client, String database) {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(database, "database");
            return choose(StoreChoice.mongo("MongoDB database " + database + " through a given client",
                    () -> MongoStores.over(client, database)));
        }

        /** Keeps the data in memory only, lost when the process ends: for tests and trials. */
        public Builder inMemory() {
            return stores(InMemoryStores.create().asStores());
        }

        /** Stores of your own, for example a custom adapter that passes the ports-tck. */
        public Builder stores(Stores value) {
            Objects.requireNonNull(value, "stores");
            return choose(new StoreChoice("stores given to the builder", value));
        }

        private Builder choose(StoreChoice choice) {
            if (storeChoice != null) {
                throw new IllegalStateException("the store is chosen twice: " + storeChoice.description() + ", then "
                        + choice.description() + "; choose one");
            }
            this.storeChoice = choice;
            return this;
        }

        /** Delivers verification and reset codes and notices. Required. */
        public Builder mailer(Mailer value) {
            this.mailer = Objects.requireNonNull(value, "mailer");
            return this;
        }

        /** A password hasher of your own. Default: Argon2id with OWASP's parameters. */
        public Builder passwordHasher(PasswordHasher value) {
            this.passwordHasher = Objects.requireNonNull(value, "passwordHasher");
            return this;
        }

        /** Parameters for the default Argon2id hasher; older hashes are upgraded at login. */
        public Builder argon2(Argon2Parameters value) {
            this.argon2 = Objects.requireNonNull(value, "argon2");
            return this;
        }

        /** Estimates password strength for the policy. Default: zxcvbn. */
        public Builder strengthEstimator(PasswordStrengthEstimator value) {
            this.strengthEstimator = Objects.requireNonNull(value, "strengthEstimator");
            return this;
        }

        /** The clock every expiry, lock and window is measured by. Default: the system clock in UTC. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The source of tokens, codes and salts. Default: the platform's SecureRandom. */
        public Builder random(RandomSource value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** The rules: password policy, lockout, lifetimes, code limits, hashing limits. */
        public Builder settings(TollgateSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * A secret key (at least 32 bytes) under which token and code digests are made, so a
         * copy of the database alone cannot test guesses of short codes. Changing it ends
         * every session and voids every pending code. Default: a fixed public key, with a
         * warning at {@link #build()}. Prefer {@link #masterKey}, which also makes API keys
         * recoverable.
         */
        public Builder digestKey(byte[] value) {
            this.digestKey = Objects.requireNonNull(value, "digestKey").clone();
            return this;
        }

        /**
         * The master secret (at least 32 random bytes, kept outside the database): the digest
         * key and the key that seals recoverable API keys (AES-256-GCM) are derived from it.
         * Without it, API keys are shown once and digests are keyed with a public key.
         */
        public Builder masterKey(byte[] value) {
            this.masterKey = Objects.requireNonNull(value, "masterKey").clone();
            return this;
        }

        /**
         * Runs work off the caller's thread (password-reset lookups and mails). Default: one
         * daemon thread with a queue of 10,000, stopped by {@link Tollgate#close()}.
         */
        public Builder backgroundExecutor(Executor value) {
            this.background = Objects.requireNonNull(value, "backgroundExecutor");
            return this;
        }

        /**
         * Counts rate limits (API keys' requests per window, code sends per address) in this
         * process with Caffeine instead of in the store: no store round trip, exact within the
         * process, but each process counts alone and forgets on restart, so with N processes a
         * limit lets through up to N times as much. Default: in the store, exact across processes.
         */
        public Builder inProcessRateLimits() {
            this.inProcessRateLimits = true;
            return this;
        }

        /**
         * Spends busy balances and rate-limit windows from blocks leased to this process
         * ({@link LeaseSettings}; {@link LeaseSettings#DEFAULTS}: 1 s leases of at most 1/64 of
         * what is left, 8 to 1,024 calls), so most verifications take no store round trip: exact
         * across processes (nothing is granted that the balance did not hold, nothing refused
         * that every lease together could pay: a refusal waits up to
         * {@link LeaseSettings#longestWait()} for other processes' leases), but a process killed
         * holding leases forfeits what is left of them, which counts as spent. Small balances and
         * limits never lease. Needs a SQL store (PostgreSQL or SQLite). Default: off, every
         * consumption decided in the store.
         */
        public Builder leases(LeaseSettings settings) {
            this.leases = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Shares the window counters (API keys' rate limits, throttles) and the cache
         * invalidations of every process through Redis at {@code redisUrl}
         * ({@code redis://[user:password@]host:port[/database]}, {@code rediss://} for TLS), so N
         * nodes enforce one limit without a store round trip; keys start with {@code tollgate:}.
         * While Redis cannot be reached, limits are counted in the store (never not at all), with a
         * logged warning, and {@link Tollgate#degradations()} says so.
         */
        public Builder redis(String redisUrl) {
            return redis(redisUrl, DEFAULT_REDIS_PREFIX);
        }

        /** As {@link #redis(String)}, with every key and the channel starting with {@code keyPrefix}. */
        public Builder redis(String redisUrl, String keyPrefix) {
            this.redisUrl = Objects.requireNonNull(redisUrl, "redisUrl");
            this.redisKeyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * How long a cached lookup (an API key, its owner and plan, a session) is kept at most
         * when no invalidation drops it before: changes made by any process are pushed to every
         * other within a second, so this only bounds what a lost notice could keep alive.
         * {@link Duration#ZERO} turns the cache off: every lookup reads the store. Default
         * {@link #DEFAULT_LOOKUP_CACHE_EXPIRY}. The memory store is never cached.
         */
        public Builder lookupCache(Duration safetyExpiry) {
            Objects.requireNonNull(safetyExpiry, "safetyExpiry");
            if (safetyExpiry.isNegative()) {
                throw new IllegalArgumentException("lookupCache must not be negative");
            }
            this.lookupCacheExpiry = safetyExpiry;
            return this;
        }

        /**
         * Publishes meters to {@code registry}: audit events by type and outcome (logins and
         * registrations among them), mails sent and failed, and the connection pool's usage.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Checks the configuration and builds Tollgate.
         *
         * @throws IllegalStateException naming the setting that is missing or conflicts
         */
        public Tollgate build() {
            if (mailer == null) {
                throw new IllegalStateException("mailer is required: Tollgate.builder().mailer(...); "
                        + "for local trials ConsoleMailer prints mails to the console");
            }
            if (passwordHasher != null && argon2 != null) {
                throw new IllegalStateException(
                        "passwordHasher and argon2 conflict: argon2 configures the default hasher; set one of them");
            }
            if (masterKey != null && digestKey != null) {
                throw new IllegalStateException(
                        "masterKey and digestKey conflict: the digest key is derived from the master key; set one of them");
            }
            if (masterKey != null && masterKey.length < MIN_DIGEST_KEY_BYTES) {
                throw new IllegalStateException("masterKey must have at least " + MIN_DIGEST_KEY_BYTES + " bytes, has "
                        + masterKey.length);
            }
            if (digestKey != null && digestKey.length < MIN_DIGEST_KEY_BYTES) {
                throw new IllegalStateException("digestKey must have at least " + MIN_DIGEST_KEY_BYTES + " bytes, has "
                        + digestKey.length);
            }
            RandomSource randomSource = random != null ? random : RandomSource.secure();
            PasswordHasher hasher = passwordHasher != null ? passwordHasher
                    : Argon2idPasswordHasher.with(argon2 != null ? argon2 : Argon2Parameters.DEFAULTS, randomSource);
            PasswordStrengthEstimator estimator = strengthEstimator != null ? strengthEstimator
                    : ZxcvbnStrengthEstimator.withDefaults();
            StoreChoice choice = storeChoice != null ? storeChoice
                    : new StoreChoice("SQLite in " + DEFAULT_DATA_DIRECTORY,
                            () -> SqliteStores.inDirectory(DEFAULT_DATA_DIRECTORY), InProcessInvalidationBus::new);
            if (inProcessRateLimits && redisUrl != null) {
                throw new IllegalStateException("inProcessRateLimits and redis conflict: "
                        + "rate limits are counted either in this process or in Redis; set one of them");
            }
            SqlDatabase database = choice.open();
            MongoStores mongo = database == null ? choice.openMongo() : null;
            AutoCloseable ownStore = database != null ? database : mongo;
            Shared shared = Shared.NOTHING;
            try {
                ThreadPoolExecutor own = background == null ? newBackgroundExecutor() : null;
                if (leases != null && database == null) {
                    throw new IllegalStateException("leases need a SQL store (PostgreSQL or SQLite): " + choice.description()
                            + " has none");
                }
                Stores stores = mongo != null ? mongo.stores() : database == null ? choice.given()
                        : leases != null ? database.leasingStores(leases) : database.stores();
                if (inProcessRateLimits) {
                    stores = stores.withCounters(CaffeineWindowCounters.create());
                }
                shared = share(choice, mongo);
                if (shared.redis() != null) {
                    stores = stores.withCounters(shared.redis().counters(stores.counters()));
                }
                if (shared.bus() != null) {
                    stores = CachingStores.over(stores, shared.bus(), lookupCacheExpiry);
                }
                Mailer delivery = mailer;
                if (meterRegistry != null) {
                    stores = stores.withAuditLog(new MeteredAuditLog(stores.auditLog(), meterRegistry));
                    delivery = new MeteredMailer(mailer, meterRegistry);
                    if (database != null) {
                        registerPoolGauges(database, meterRegistry);
                        registerBatchMeters(database, meterRegistry);
                    }
                }
                byte[] digest = masterKey != null ? derive(masterKey, "tollgate digest key v1")
                        : digestKey != null ? digestKey : DEFAULT_DIGEST_KEY;
                if (masterKey == null && digestKey == null) {
                    LOG.log(Level.WARNING, "no master key: token and code digests use a public key, so a copy of the "
                            + "database could test guesses of pending codes; API keys cannot be revealed again");
                }
                byte[] sealing = masterKey != null ? derive(masterKey, "tollgate api key sealing key v1") : null;
                BatchingUsageSink usageSink = new BatchingUsageSink(stores.usage(), settings.usage(),
                        settings.plans().zone(), clock);
                CoreServices core = new CoreServices(new CoreDependencies(stores, usageSink, delivery, hasher, estimator,
                        clock, randomSource, own != null ? own : background, digest, sealing, settings,
                        JavaOtpTotpAlgorithm.create(), ZxingQrCodes.create(), shared.bus()));
                if (meterRegistry != null) {
                    registerUsageMeters(usageSink, meterRegistry);
                    if (shared.redis() != null) {
                        registerRedisMeters(shared.redis(), meterRegistry);
                    }
                }
                return new Tollgate(core, usageSink, own, ownStore, shared);
            } catch (RuntimeException e) {
                shared.close();
                closeQuietly(ownStore);
                throw e;
            }
        }

        /**
         * Connects to Redis when configured, and opens the invalidation bus when lookups are
         * cached: Redis pub/sub with Redis, else the store's own (PostgreSQL's LISTEN/NOTIFY, a
         * collection MongoDB's processes read, or in-process for SQLite, which one process uses).
         */
        private Shared share(StoreChoice choice, MongoStores mongo) {
            RedisServices redis = redisUrl == null ? null : RedisServices.connect(redisUrl, redisKeyPrefix);
            try {
                boolean caching = choice.cacheable() && !lookupCacheExpiry.isZero();
                InvalidationBus bus = !caching ? null : redis != null ? redis.invalidations()
                        : mongo != null ? MongoInvalidationBus.on(mongo.database()) : choice.busOpener().get();
                return new Shared(redis, bus);
            } catch (RuntimeException e) {
                if (redis != null) {
                    redis.close();
                }
                throw e;
            }
        }

        /** A 32-byte key for one purpose, derived from the master key (HMAC-SHA-256 of the purpose). */
        private static byte[] derive(byte[] master, String purpose) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(master, "HmacSHA256"));
                return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HMAC-SHA-256 is part of every Java platform", e);
            }
        }

        private static void registerPoolGauges(SqlDatabase database, MeterRegistry registry) {
            Map<String, ToIntFunction<PoolUsage>> gauges = Map.of("active", PoolUsage::active, "idle", PoolUsage::idle,
                    "waiting", PoolUsage::waiting, "maximum", PoolUsage::maximum);
            gauges.forEach((state, read) -> Gauge.builder("tollgate.store.connections",
                            database, db -> db.poolUsage().map(read::applyAsInt).orElse(0))
                    .description("Database connections of the store's pool")
                    .tag("state", state)
                    .register(registry));
        }

        /** The group commits' batches and the calls decided in them: calls / batches is the mean batch size. */
        private static void registerBatchMeters(SqlDatabase database, MeterRegistry registry) {
            // the database is the meters' state: Micrometer holds it weakly, and it lives as long as Tollgate
            Map<String, Function<SqlDatabase, BatchCounts>> operations = Map.of(
                    "consume", SqlDatabase::consumptionBatches, "count", SqlDatabase::counterBatches,
                    "count_and_consume", SqlDatabase::countedConsumptionBatches);
            operations.forEach((operation, usage) -> {
                FunctionCounter.builder("tollgate.store.batches", database, db -> usage.apply(db).batches())
                        .description("Transactions of the store's group commits (consumptions, rate-limit counts, both together)")
                        .tag("operation", operation)
                        .register(registry);
                FunctionCounter.builder("tollgate.store.batched.calls", database, db -> usage.apply(db).calls())
                        .description("Calls decided by the store's group commits; per batch: the batch size")
                        .tag("operation", operation)
                        .register(registry);
            });
        }

        private static void registerUsageMeters(BatchingUsageSink recorder, MeterRegistry registry) {
            Map<String, ToDoubleFunction<BatchingUsageSink>> counts = Map.of("written", BatchingUsageSink::written,
                    "dropped", BatchingUsageSink::dropped);
            counts.forEach((outcome, read) -> FunctionCounter.builder("tollgate.usage.events", recorder, read)
                    .description("Usage events of verify-and-consume calls, written to the store or dropped")
                    .tag("outcome", outcome)
                    .register(registry));
            FunctionCounter.builder("tollgate.usage.write.failures", recorder, BatchingUsageSink::failedWrites)
                    .description("Batches of usage events the store refused (each retry counts)")
                    .register(registry);
            Gauge.builder("tollgate.usage.pending", recorder, BatchingUsageSink::pending)
                    .description("Usage events queued, waiting to be written")
                    .register(registry);
        }

        private static void registerRedisMeters(RedisServices redis, MeterRegistry registry) {
            FunctionCounter.builder("tollgate.redis.fallbacks", redis, RedisServices::fallbacks)
                    .description("Rate limit and throttle calls counted in the store because Redis was unreachable")
                    .register(registry);
            Gauge.builder("tollgate.redis.degraded", redis, r -> r.degradation().isPresent() ? 1 : 0)
                    .description("1 while limits are counted in the store because Redis is unreachable, else 0")
                    .register(registry);
        }

        private static ThreadPoolExecutor newBackgroundExecutor() {
            return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(BACKGROUND_QUEUE),
                    task -> {
                        Thread thread = new Thread(task, "tollgate-background");
                        thread.setDaemon(true);
                        return thread;
                    });
        }
    }
}
