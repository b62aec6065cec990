package dev.tollgate;

import dev.tollgate.adapter.crypto.Argon2Parameters;
import dev.tollgate.adapter.crypto.Argon2idPasswordHasher;
import dev.tollgate.adapter.memory.InMemoryStores;
import dev.tollgate.adapter.zxcvbn.ZxcvbnStrengthEstimator;
import dev.tollgate.core.CoreDependencies;
import dev.tollgate.core.CoreServices;
import dev.tollgate.port.api.account.Accounts;
import dev.tollgate.port.api.audit.AuditTrail;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.api.registration.RegisterUser;
import dev.tollgate.port.api.session.Sessions;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.crypto.PasswordHasher;
import dev.tollgate.port.spi.mail.Mailer;
import dev.tollgate.port.spi.password.PasswordStrengthEstimator;
import dev.tollgate.port.spi.random.RandomSource;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
    private final ThreadPoolExecutor ownBackground;

    private Tollgate(CoreServices core, ThreadPoolExecutor ownBackground) {
        this.core = core;
        this.ownBackground = ownBackground;
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

    /** Reading the audit log. */
    public AuditTrail auditTrail() {
        return core.auditTrail();
    }

    /**
     * Stops the background executor Tollgate made for itself (if the builder was not given
     * one), letting queued work such as password-reset mails finish for up to five seconds.
     * Stores and mailers given to the builder belong to the caller, who closes them.
     */
    @Override
    public void close() {
        if (ownBackground == null) {
            return;
        }
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

    /**
     * Configures a {@link Tollgate}. Only the mailer is required; everything else has a
     * default. {@link #build()} checks the whole configuration and names the first setting
     * that is missing or conflicts.
     */
    public static final class Builder {

        /** The digest key used when none is configured: digests then are as strong as plain SHA-256. */
        private static final byte[] DEFAULT_DIGEST_KEY =
                "tollgate-default-digest-key-v1".getBytes(StandardCharsets.UTF_8);
        private static final int MIN_DIGEST_KEY_BYTES = 32;
        private static final int BACKGROUND_QUEUE = 10_000;

        private Stores stores;
        private Mailer mailer;
        private PasswordHasher passwordHasher;
        private Argon2Parameters argon2;
        private PasswordStrengthEstimator strengthEstimator;
        private Clock clock = Clock.systemUTC();
        private RandomSource random;
        private TollgateSettings settings = TollgateSettings.defaults();
        private byte[] digestKey;
        private Executor background;

        private Builder() {
        }

        /**
         * The stores, usually all from one adapter. Default: in-memory stores, which keep
         * nothing across restarts (for tests and trials).
         */
        public Builder stores(Stores value) {
            this.stores = Objects.requireNonNull(value, "stores");
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
         * every session and voids every pending code. Default: a fixed public key.
         */
        public Builder digestKey(byte[] value) {
            this.digestKey = Objects.requireNonNull(value, "digestKey").clone();
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
            if (digestKey != null && digestKey.length < MIN_DIGEST_KEY_BYTES) {
                throw new IllegalStateException("digestKey must have at least " + MIN_DIGEST_KEY_BYTES + " bytes, has "
                        + digestKey.length);
            }
            RandomSource randomSource = random != null ? random : RandomSource.secure();
            PasswordHasher hasher = passwordHasher != null ? passwordHasher
                    : Argon2idPasswordHasher.with(argon2 != null ? argon2 : Argon2Parameters.DEFAULTS, randomSource);
            Stores storeSet = stores != null ? stores : inMemory();
            ThreadPoolExecutor own = background == null ? newBackgroundExecutor() : null;
            CoreServices core = new CoreServices(new CoreDependencies(storeSet, mailer, hasher,
                    strengthEstimator != null ? strengthEstimator : ZxcvbnStrengthEstimator.withDefaults(), clock,
                    randomSource, own != null ? own : background,
                    digestKey != null ? digestKey : DEFAULT_DIGEST_KEY, settings));
            return new Tollgate(core, own);
        }

        private static Stores inMemory() {
            LOG.log(Level.INFO, "no stores configured: using in-memory stores, which keep nothing across restarts");
            return InMemoryStores.create().asStores();
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
