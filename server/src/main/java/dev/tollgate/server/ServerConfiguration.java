package dev.tollgate.server;

import dev.tollgate.adapter.crypto.Argon2Parameters;
import dev.tollgate.adapter.http.HttpSettings;
import dev.tollgate.adapter.http.ServiceToken;
import dev.tollgate.adapter.http.TenantResolution;
import dev.tollgate.adapter.smtp.SmtpSettings;
import dev.tollgate.adapter.smtp.TlsMode;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.Username;
import dev.tollgate.port.settings.ApiKeySettings;
import dev.tollgate.port.settings.CodeSettings;
import dev.tollgate.port.settings.HashingSettings;
import dev.tollgate.port.settings.LockoutSettings;
import dev.tollgate.port.settings.MfaSettings;
import dev.tollgate.port.settings.NetworkSettings;
import dev.tollgate.port.settings.PasswordAgeSettings;
import dev.tollgate.port.settings.PasswordPolicySettings;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.SecuritySettings;
import dev.tollgate.port.settings.SessionSettings;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings.Limit;
import dev.tollgate.port.settings.ThrottleSettings.Rule;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.settings.UsageSettings;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The standalone server's configuration: every {@link #SETTINGS setting} read from a
 * properties file given with {@code --config}, overridden by the environment, checked at once.
 * Wrong values stop start-up with a {@link ConfigurationException} holding one line per problem,
 * each naming its setting; secrets are never part of a message.
 */
public record ServerConfiguration(
        String httpHost,
        int httpPort,
        TenantId tenant,
        List<String> corsOrigins,
        boolean trustForwardedFor,
        boolean metricsEnabled,
        String metricsToken,
        ServiceToken serviceToken,
        boolean enumerationSafeRegistration,
        StoreKind store,
        boolean inProcessRateLimits,
        boolean leases,
        Optional<String> redisUrl,
        String redisPrefix,
        Duration lookupCacheExpiry,
        Path dataDirectory,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int databasePoolSize,
        Optional<Smtp> smtp,
        Email mailFrom,
        String mailFromName,
        byte[] masterKey,
        Argon2Parameters argon2,
        TollgateSettings settings,
        TenantResolver tenantResolver,
        Map<String, TenantId> tenantHosts,
        Optional<FirstAdmin> firstAdmin) {

    /** Where the data lives. */
    public enum StoreKind { SQLITE, POSTGRES, MONGO, MEMORY }

    /** How a request names its tenant: the {@code Tollgate-Tenant} header, or the Host name mapped to a tenant. */
    public enum TenantResolver { HEADER, HOST }

    /**
     * The super admin to create at the first start, from {@code TOLLGATE_ADMIN_EMAIL},
     * {@code TOLLGATE_ADMIN_PASSWORD} and {@code TOLLGATE_ADMIN_USERNAME}; the password is never shown.
     */
    public record FirstAdmin(String email, String username, String password) {
        public FirstAdmin {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "FirstAdmin[email=" + email + ", username=" + username + ", password=****]";
        }
    }

    /** How to reach the mail server; absent when mails go to the console. */
    public record Smtp(String host, int port, String username, String password, String tls) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", password=****, tls=" + tls + "]";
        }
    }

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final String ON = "on";
    private static final String OFF = "off";

    /** Every setting, in the order {@code --help} lists them. */
    public static final List<Setting> SETTINGS = Stream.concat(Stream.of(
            Setting.plain("TOLLGATE_HTTP_HOST", "127.0.0.1", "address the HTTP server listens on"),
            Setting.plain("TOLLGATE_HTTP_PORT", "8080", "port the HTTP server listens on (0: any free port)"),
            Setting.plain("TOLLGATE_TENANT", "default", "the default tenant: requests that name none are served "
                    + "for it; created at start if missing"),
            Setting.plain("TOLLGATE_TENANT_RESOLVER", "header", "how a request names its tenant: header (Tollgate-Tenant) "
                    + "or host (the Host name, mapped by TOLLGATE_TENANT_HOSTS)"),
            Setting.plain("TOLLGATE_TENANT_HOSTS", "", "host=tenant pairs, comma-separated, for the host resolver "
                    + "(e.g. api.acme.example=acme,api.globex.example=globex)"),
            Setting.plain("TOLLGATE_CORS_ORIGINS", "", "comma-separated origins allowed by CORS; none: CORS off"),
            Setting.plain("TOLLGATE_TRUST_FORWARDED_FOR", "false", "take the client address from X-Forwarded-For (only behind a proxy you run)"),
            Setting.plain("TOLLGATE_METRICS_ENABLED", "true", "serve Prometheus metrics at /metrics"),
            Setting.plain("TOLLGATE_REGISTRATION_ENUMERATION_SAFE", "false",
                    "answer registration alike whether or not the address has an account (202; the owner is mailed)"),
            Setting.secret("TOLLGATE_METRICS_TOKEN", "bearer token /metrics requires; none: open (bind to a private address)"),
            Setting.secret("TOLLGATE_SERVICE_TOKEN", "bearer token services use for POST /v1/keys/verify (32+ characters); none: the route is off"),
            Setting.plain("TOLLGATE_STORE", "sqlite", "where the data lives: sqlite, postgres, mongo or memory"),
            Setting.plain("TOLLGATE_RATE_LIMITS", "store", "where rate limits are counted: store (exact across processes) or in-process (one node, no round trip)"),
            Setting.plain("TOLLGATE_LEASES", "off", "on: busy balances and rate-limit windows are spent from blocks leased to this process, "
                    + "exactly, with no store round trip per call (SQL stores); a process killed holding leases forfeits what is left of them"),
            Setting.secret("TOLLGATE_REDIS_URL", "Redis shared by every node (redis://[user:password@]host:port[/db]): "
                    + "rate limits and cache invalidations across processes; none: counted in the store"),
            Setting.plain("TOLLGATE_REDIS_PREFIX", "tollgate:", "what every Redis key and channel of this deployment starts with"),
            Setting.plain("TOLLGATE_CACHE_TTL", "10s", "longest a cached API key, user, plan or session lookup lives "
                    + "(changes reach every node within 1 s anyway); 0: no cache"),
            Setting.plain("TOLLGATE_DATA_DIR", "./tollgate-data", "directory of the SQLite file"),
            Setting.plain("TOLLGATE_DB_URL", "", "URL of the database: JDBC for postgres (required) and sqlite (instead of the "
                    + "data directory); mongodb://host[:port]/database for mongo (required; database default tollgate)"),
            Setting.plain("TOLLGATE_DB_USER", "", "database user"),
            Setting.secret("TOLLGATE_DB_PASSWORD", "database password"),
            Setting.plain("TOLLGATE_DB_POOL_SIZE", "10", "most database connections (PostgreSQL)"),
            Setting.plain("TOLLGATE_SMTP_HOST", "", "SMTP server; none: mails are printed to the log (development only)"),
            Setting.plain("TOLLGATE_SMTP_PORT", "587", "SMTP port"),
            Setting.plain("TOLLGATE_SMTP_USERNAME", "", "SMTP user"),
            Setting.secret("TOLLGATE_SMTP_PASSWORD", "SMTP password"),
            Setting.plain("TOLLGATE_SMTP_TLS", "starttls", "SMTP transport security: none, starttls or implicit"),
            Setting.plain("TOLLGATE_MAIL_FROM", "no-reply@tollgate.invalid", "sender address of every mail (set it with SMTP)"),
            Setting.plain("TOLLGATE_MAIL_FROM_NAME", "Tollgate", "sender name, also used in mail texts"),
            Setting.secret("TOLLGATE_MASTER_KEY", "base64 of 32 or more random bytes; keys the digests of tokens and codes"),
            Setting.plain("TOLLGATE_PASSWORD_MIN_LENGTH", "8", "fewest characters (code points) in a password"),
            Setting.plain("TOLLGATE_PASSWORD_MAX_LENGTH", "128", "most characters (code points) in a password"),
            Setting.plain("TOLLGATE_PASSWORD_MIN_STRENGTH", "2", "lowest zxcvbn score (0-4) a password needs"),
            Setting.plain("TOLLGATE_PASSWORD_REJECT_COMMON", "true", "refuse commonly used passwords"),
            Setting.plain("TOLLGATE_PASSWORD_HISTORY", Integer.toString(PasswordAgeSettings.DEFAULTS.history()),
                    "passwords (the current one included) a new password may not repeat, 0 to 24 (0: off)"),
            Setting.plain("TOLLGATE_PASSWORD_MAX_AGE", OFF, "after this a password has expired and must be changed at "
                    + "login, from 1d to 3650d, or off (NIST SP 800-63B advises against forced expiry)"),
            Setting.plain("TOLLGATE_LOCKOUT_MAX_FAILURES", "5", "consecutive failed logins that lock an account"),
            Setting.plain("TOLLGATE_LOCKOUT_DURATION", "1h", "how long a lock lasts"),
            Setting.plain("TOLLGATE_SESSION_ACCESS_LIFETIME", "24h", "how long a session token works"),
            Setting.plain("TOLLGATE_SESSION_REFRESH_LIFETIME", "30d", "how long a refresh token works"),
            Setting.plain("TOLLGATE_SESSION_IDLE_TIMEOUT", "", "a session unused this long ends; none: no idle timeout"),
            Setting.plain("TOLLGATE_ALLOW_UNVERIFIED_LOGIN", "true", "whether users whose email is unverified may log in"),
            Setting.plain("TOLLGATE_CODE_DIGITS", "6", "digits of a one-time code (6-10)"),
            Setting.plain("TOLLGATE_CODE_VERIFICATION_LIFETIME", "24h", "how long an email verification code works"),
            Setting.plain("TOLLGATE_CODE_RESET_LIFETIME", "15m", "how long a password reset code works"),
            Setting.plain("TOLLGATE_CODE_MAX_ATTEMPTS", "5", "wrong tries that kill a code"),
            Setting.plain("TOLLGATE_CODE_MAX_SENDS", "3", "codes sent to one address per window and purpose"),
            Setting.plain("TOLLGATE_CODE_SEND_WINDOW", "1d", "the window of that limit"),
            Setting.plain("TOLLGATE_API_KEY_PREFIX", "tg", "what every API key starts with, before _"),
            Setting.plain("TOLLGATE_API_KEY_REQUIRE_VERIFIED_EMAIL", "true", "API keys work only for users whose email is verified"),
            Setting.plain("TOLLGATE_PLANS_FILE", "", "JSON file of the plans, their meters, entitlements and rate limits "
                    + "(see docs/plans.md); none: the built-in free, basic, premium and enterprise"),
            Setting.plain("TOLLGATE_ROLES_FILE", "", "JSON file of the staff roles, lowest tier first; none: the built-in "
                    + "support_new, support, support_advanced, admin and super_admin"),
            Setting.plain("TOLLGATE_SUPPORT_CREDIT_CAP", Long.toString(StaffSettings.DEFAULT_SUPPORT_CREDIT_CAP),
                    "most credits one grant or deduction by the built-in support role may move (not with a roles file)"),
            Setting.plain("TOLLGATE_STAFF_ACCESS_LIFETIME", "8h", "how long a staff member's session works"),
            Setting.plain("TOLLGATE_STAFF_IDLE_TIMEOUT", "30m", "a staff member's session unused this long ends"),
            Setting.plain("TOLLGATE_STAFF_REQUIRE_VERIFIED_EMAIL", "true", "staff powers need a verified email address"),
            Setting.plain("TOLLGATE_MFA_ISSUER", MfaSettings.DEFAULTS.issuer(), "the name authenticator apps show for "
                    + "the account (1-64 characters without ':')"),
            Setting.plain("TOLLGATE_MFA_MAX_FAILURES", Integer.toString(MfaSettings.DEFAULTS.maxFailures()),
                    "wrong second-factor codes in a row that lock the second step, 1 to 100"),
            Setting.plain("TOLLGATE_MFA_LOCK_DURATION", written(MfaSettings.DEFAULTS.lockDuration()),
                    "how long that lock lasts, 1s to 1d"),
            Setting.plain("TOLLGATE_MFA_CHALLENGE_LIFETIME", written(MfaSettings.DEFAULTS.challengeLifetime()),
                    "how long a login's second step (and an expired password's change token) may wait, 30s to 30m"),
            Setting.plain("TOLLGATE_MFA_REQUIRED_ROLES", "", "staff roles, comma-separated, whose holders must use a "
                    + "second factor (needs TOLLGATE_MASTER_KEY)"),
            Setting.plain("TOLLGATE_MFA_REQUIRED_TENANTS", "", "tenant ids, comma-separated, whose every user must use "
                    + "a second factor (needs TOLLGATE_MASTER_KEY)"),
            Setting.plain("TOLLGATE_NEW_DEVICE_MAIL", ON, "on: a login from a device not seen before for the user "
                    + "mails them a \"new sign-in\" notice; or off"),
            Setting.plain("TOLLGATE_IP_ALLOWLIST", OFF, "on: only addresses an allow rule matches may use the API "
                    + "(add allow rules for yourself first); off: everything not denied is allowed"),
            Setting.plain("TOLLGATE_AUTO_BLOCK_AFTER", Integer.toString(NetworkSettings.DEFAULTS.autoBlockAfter()),
                    "throttles tripped or accounts locked by one address within the window that block it, 0 to 10000 "
                            + "(0: automatic blocking off)"),
            Setting.plain("TOLLGATE_AUTO_BLOCK_WINDOW", written(NetworkSettings.DEFAULTS.autoBlockWindow()),
                    "the window those are counted in, 1s to 7d"),
            Setting.plain("TOLLGATE_AUTO_BLOCK_FOR", written(NetworkSettings.DEFAULTS.autoBlockFor()),
                    "how long an automatic block lasts, 1s to 365d"),
            Setting.plain("TOLLGATE_ADMIN_EMAIL", "", "email of the super admin created at the first start "
                    + "(with TOLLGATE_ADMIN_PASSWORD); none: a setup token is issued"),
            Setting.secret("TOLLGATE_ADMIN_PASSWORD", "password of the super admin created at the first start"),
            Setting.plain("TOLLGATE_ADMIN_USERNAME", "admin", "username of the super admin created at the first start"),
            Setting.plain("TOLLGATE_HASHING_MAX_CONCURRENT", Integer.toString(CORES), "password hashes running at once (default: cores)"),
            Setting.plain("TOLLGATE_HASHING_MAX_WAIT", "5s", "how long a login waits for a hashing slot before 503"),
            Setting.plain("TOLLGATE_ARGON2_MEMORY_KIB", "19456", "Argon2id memory per hash, KiB"),
            Setting.plain("TOLLGATE_ARGON2_ITERATIONS", "2", "Argon2id iterations"),
            Setting.plain("TOLLGATE_ARGON2_PARALLELISM", "1", "Argon2id lanes"),
            Setting.plain("TOLLGATE_USAGE_QUEUE_CAPACITY", Integer.toString(UsageSettings.DEFAULTS.queueCapacity()),
                    "usage events held at most while waiting to be written; beyond it they are dropped and counted"),
            Setting.plain("TOLLGATE_USAGE_BATCH_SIZE", Integer.toString(UsageSettings.DEFAULTS.batchSize()),
                    "usage events written at most in one transaction"),
            Setting.plain("TOLLGATE_USAGE_FLUSH_INTERVAL", written(UsageSettings.DEFAULTS.flushInterval()),
                    "the longest a usage event waits to be written"),
            Setting.plain("TOLLGATE_USAGE_RETENTION", written(UsageSettings.DEFAULTS.retention()),
                    "how long raw usage events are kept (daily totals stay)"),
            Setting.plain("TOLLGATE_USAGE_FULL_QUEUE_WAIT", written(UsageSettings.DEFAULTS.fullQueueWait()),
                    "how long a verification waits for room in a full usage queue before its event is dropped "
                            + "(0s: dropped at once; at most 1m)")),
            throttleSettings()).toList();

    /** The name of the setting of {@code action}'s limit per address or per account. */
    static String throttleSetting(Action action, boolean perAccount) {
        return "TOLLGATE_THROTTLE_" + action.name() + (perAccount ? "_PER_ACCOUNT" : "_PER_ADDRESS");
    }

    private static Stream<Setting> throttleSettings() {
        Map<Action, String> what = Map.of(Action.LOGIN, "logins", Action.REGISTRATION, "registrations",
                Action.CODE_ENTRY, "one-time code entries", Action.PASSWORD_RESET, "password-reset requests",
                Action.KEY_VERIFICATION, "failed API key verifications");
        return Stream.of(Action.values()).flatMap(action -> {
            Rule rule = ThrottleSettings.DEFAULTS.rule(action);
            Stream<Setting> perAddress = Stream.of(Setting.plain(throttleSetting(action, false), written(rule.perAddress()),
                    what.get(action) + " per client address, as attempts/window (e.g. 30/1m) or off"));
            return action == Action.KEY_VERIFICATION ? perAddress : Stream.concat(perAddress,
                    Stream.of(Setting.plain(throttleSetting(action, true), written(rule.perAccount()),
                            what.get(action) + " per account named, as attempts/window or off")));
        });
    }

    private static String written(Limit limit) {
        return limit == null ? "off" : limit.attempts() + "/" + written(limit.window());
    }

    /** A duration as the settings write it: in the largest unit that divides it. */
    private static String written(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        for (var unit : List.of(Map.entry("d", 86_400_000L), Map.entry("h", 3_600_000L), Map.entry("m", 60_000L),
                Map.entry("s", 1_000L))) {
            if (millis % unit.getValue() == 0) {
                return millis / unit.getValue() + unit.getKey();
            }
        }
        return millis + "ms";
    }

    /** {@code value} in the settings' duration syntax ({@code 15m}, {@code PT15M}); refusals start with {@code name}. */
    static Duration parseDuration(String name, String value) {
        return Reader.parseDuration(name, value);
    }

    private static final Map<String, Setting> BY_NAME =
            SETTINGS.stream().collect(Collectors.toMap(Setting::name, Function.identity()));
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    public ServerConfiguration {
        corsOrigins = List.copyOf(corsOrigins);
        Objects.requireNonNull(tenantResolver, "tenantResolver");
        tenantHosts = Collections.unmodifiableMap(new LinkedHashMap<>(tenantHosts));
        Objects.requireNonNull(firstAdmin, "firstAdmin");
        masterKey = masterKey == null ? null : masterKey.clone();
    }

    @Override
    public byte[] masterKey() {
        return masterKey == null ? null : masterKey.clone();
    }

    /** Names what is configured; secrets (passwords, tokens, the master key, URL credentials) are masked. */
    @Override
    public String toString() {
        return "ServerConfiguration[http=" + httpHost + ":" + httpPort + ", tenant=" + tenant + ", store="
                + store.name().toLowerCase(Locale.ROOT) + ", databaseUrl=" + Setting.withoutCredentials(databaseUrl)
                + ", databaseUser=" + databaseUser + ", databasePassword=" + (databasePassword == null ? "none" : "****")
                + ", metricsToken=" + (metricsToken == null ? "none" : "****") + ", serviceToken="
                + (serviceToken == null ? "none" : "****") + ", smtp=" + smtp.map(Smtp::toString)
                .orElse("none") + ", masterKey=" + (masterKey == null ? "none" : "****") + ", tenantResolver="
                + tenantResolver.name().toLowerCase(Locale.ROOT) + ", tenantHosts=" + tenantHosts + ", firstAdmin="
                + firstAdmin.map(FirstAdmin::toString).orElse("none") + "]";
    }

    /**
     * Environment variables with Tollgate's prefix that are not settings but are read elsewhere:
     * {@code TOLLGATE_LOG_LEVEL} (by the logging configuration, before anything else) and the
     * names under {@code TOLLGATE_TEST_}, reserved for Tollgate's own test suite. Every other
     * unknown {@code TOLLGATE_*} variable is refused, as a typo must not pass silently.
     */
    public static final String LOG_LEVEL = "TOLLGATE_LOG_LEVEL";
    /** The prefix of the variables Tollgate's test suite reads; the server ignores them. */
    public static final String TEST_PREFIX = "TOLLGATE_TEST_";
    /** What a secret setting's name ends with when its value is to be read from a file. */
    public static final String FILE_SUFFIX = "_FILE";

    /**
     * Reads the configuration: the defaults, then {@code file} (a properties file's entries), then
     * {@code environment} over both, as the environment is what differs between deployments of one
     * file. A secret setting {@code X} may instead be given as {@code X_FILE}, the path of a file
     * holding the value (one trailing newline dropped). Unknown {@code TOLLGATE_*} names are
     * refused in both, except {@link #LOG_LEVEL} and {@link #TEST_PREFIX} names in the
     * environment; other environment variables are ignored. Every problem is reported at once.
     *
     * @throws ConfigurationException with one line per problem, each naming its setting
     */
    public static ServerConfiguration read(Map<String, String> environment, Map<String, String> file) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = merged(environment, file, problems);
        Set<String> given = Stream.concat(environment.keySet().stream(), file.keySet().stream())
                .map(name -> name.endsWith(FILE_SUFFIX) ? name.substring(0, name.length() - FILE_SUFFIX.length()) : name)
                .filter(BY_NAME::containsKey).collect(Collectors.toSet());
        return new Reader(values, given, problems).configuration();
    }

    /** Each setting with the value in force, secrets masked: for the start-up log. */
    public static Map<String, String> describe(Map<String, String> environment, Map<String, String> file) {
        Map<String, String> values = merged(environment, file, new ArrayList<>());
        Map<String, String> shown = new LinkedHashMap<>();
        for (Setting setting : SETTINGS) {
            shown.put(setting.name(), setting.shown(values.get(setting.name())));
        }
        return shown;
    }

    /** The defaults, the file's values over them and the environment's over those. */
    private static Map<String, String> merged(Map<String, String> environment, Map<String, String> file,
            List<String> problems) {
        Map<String, String> values = new HashMap<>();
        for (Setting setting : SETTINGS) {
            values.put(setting.name(), setting.defaultValue());
        }
        values.putAll(source(file, "in the --config file", false, problems));
        values.putAll(source(environment, "in the environment", true, problems));
        return values;
    }

    /** The settings one source gives, {@code _FILE} secrets read; unknown names are problems. */
    private static Map<String, String> source(Map<String, String> entries, String where, boolean environment,
            List<String> problems) {
        Map<String, String> values = new HashMap<>();
        entries.keySet().stream().sorted().forEach(key -> {
            String value = entries.get(key);
            if (environment && (!key.startsWith("TOLLGATE_") || key.equals(LOG_LEVEL) || key.startsWith(TEST_PREFIX))) {
                return;
            }
            if (BY_NAME.containsKey(key)) {
                if (!entries.containsKey(key + FILE_SUFFIX)) {
                    values.put(key, value.strip());
                }
                return;
            }
            String base = key.endsWith(FILE_SUFFIX) ? key.substring(0, key.length() - FILE_SUFFIX.length()) : "";
            Setting secret = BY_NAME.get(base);
            if (secret != null && secret.secret()) {
                if (entries.containsKey(base)) {
                    problems.add(key + ": " + base + " is set too " + where + "; set one of them");
                } else {
                    secretFromFile(key, value.strip(), problems).ifPresent(content -> values.put(base, content));
                }
                return;
            }
            String hint = key.equals(LOG_LEVEL) ? " (the log level is read from the environment only)"
                    : nearest(key).map(name -> "; did you mean " + name + "?").orElse("");
            problems.add(key + ": not a setting of Tollgate " + where + hint + " (see --help for the list)");
        });
        return values;
    }

    /** The content of a secret's file, one trailing newline dropped; never part of a message. */
    private static Optional<String> secretFromFile(String name, String path, List<String> problems) {
        if (path.isEmpty()) {
            problems.add(name + ": must name a file");
            return Optional.empty();
        }
        Path location;
        try {
            location = Path.of(path);
        } catch (InvalidPathException e) {
            problems.add(name + ": cannot read " + path + ": not a valid path");
            return Optional.empty();
        }
        try {
            String content = Files.readString(location, StandardCharsets.UTF_8);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            } else if (content.endsWith("\n")) {
                content = content.substring(0, content.length() - 1);
            }
            return Optional.of(content);
        } catch (NoSuchFileException e) {
            problems.add(name + ": cannot read " + path + ": no such file");
        } catch (AccessDeniedException e) {
            problems.add(name + ": cannot read " + path + ": permission denied");
        } catch (IOException e) {
            problems.add(name + ": cannot read " + path + ": " + (Files.isDirectory(location) ? "is a directory"
                    : e instanceof MalformedInputException ? "not UTF-8 text" : e.getClass().getSimpleName()));
        }
        return Optional.empty();
    }

    /** The known name closest to a mistyped one, if it is close (an edit distance of at most 3). */
    static Optional<String> nearest(String name) {
        Stream<String> known = Stream.concat(SETTINGS.stream().map(Setting::name),
                SETTINGS.stream().filter(Setting::secret).map(s -> s.name() + FILE_SUFFIX));
        return known.map(candidate -> Map.entry(candidate, distance(name, candidate)))
                .filter(entry -> entry.getValue() <= 3)
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The HTTP server's settings this configuration describes. */
    public HttpSettings httpSettings() {
        HttpSettings defaults = HttpSettings.defaults();
        return new HttpSettings(httpHost, httpPort, tenant, corsOrigins, defaults.maxBodyBytes(), metricsEnabled,
                metricsToken, trustForwardedFor, defaults.shutdownTimeout(), serviceToken, enumerationSafeRegistration,
                tenantResolver == TenantResolver.HOST ? TenantResolution.byHost(tenantHosts)
                        : TenantResolution.byHeader());
    }

    /** The SMTP mailer's settings, when a mail server is configured. */
    public Optional<SmtpSettings> smtpSettings() {
        return smtp.map(server -> {
            SmtpSettings settings = SmtpSettings.defaults(server.host(), server.port(), mailFrom)
                    .withTlsMode(TlsMode.valueOf(server.tls().toUpperCase(Locale.ROOT)))
                    .withFromName(mailFromName)
                    .withAppName(mailFromName);
            return server.username() == null ? settings : settings.withCredentials(server.username(), server.password());
        });
    }

    /**
     * Parses the values, naming the setting in every refusal. A refused value is recorded and its
     * default taken in its place, so that every problem is found in one pass; the configuration
     * is only built when there is none.
     */
    private static final class Reader {
        private final Map<String, String> values;
        private final Set<String> given;
        private final List<String> problems;

        Reader(Map<String, String> values, Set<String> given, List<String> problems) {
            this.values = values;
            this.given = given;
            this.problems = problems;
        }

        ServerConfiguration configuration() {
            StoreKind store = choice("TOLLGATE_STORE", StoreKind.class);
            String databaseUrl = text("TOLLGATE_DB_URL");
            if (store == StoreKind.POSTGRES && databaseUrl == null) {
                problems.add("TOLLGATE_DB_URL: required when TOLLGATE_STORE is postgres");
            }
            if (databaseUrl != null && store == StoreKind.POSTGRES && !databaseUrl.startsWith("jdbc:postgresql:")) {
                problems.add("TOLLGATE_DB_URL: a PostgreSQL URL starts with jdbc:postgresql:");
            }
            if (databaseUrl != null && store == StoreKind.SQLITE && !databaseUrl.startsWith("jdbc:sqlite:")) {
                problems.add("TOLLGATE_DB_URL: an SQLite URL starts with jdbc:sqlite:");
            }
            if (store == StoreKind.MONGO && databaseUrl == null) {
                problems.add("TOLLGATE_DB_URL: required when TOLLGATE_STORE is mongo");
            }
            if (databaseUrl != null && store == StoreKind.MONGO && !databaseUrl.startsWith("mongodb://")
                    && !databaseUrl.startsWith("mongodb+srv://")) {
                problems.add("TOLLGATE_DB_URL: a MongoDB URL starts with mongodb:// or mongodb+srv://");
            }
            String httpHost = required("TOLLGATE_HTTP_HOST");
            int httpPort = integer("TOLLGATE_HTTP_PORT", 0, 65_535);
            TenantId tenant = attempt(this::tenant, TenantId.DEFAULT);
            List<String> corsOrigins = corsOrigins();
            boolean trustForwardedFor = bool("TOLLGATE_TRUST_FORWARDED_FOR");
            boolean metricsEnabled = bool("TOLLGATE_METRICS_ENABLED");
            String metricsToken = metricsToken(metricsEnabled);
            ServiceToken serviceToken = attempt(this::serviceToken, null);
            boolean enumerationSafeRegistration = bool("TOLLGATE_REGISTRATION_ENUMERATION_SAFE");
            boolean inProcessRateLimits = choice("TOLLGATE_RATE_LIMITS", List.of("store", "in-process")).equals("in-process");
            boolean leases = choice("TOLLGATE_LEASES", List.of("off", "on")).equals("on");
            if (leases && store == StoreKind.MEMORY) {
                problems.add("TOLLGATE_LEASES: on needs a SQL store (TOLLGATE_STORE=sqlite or postgres); memory is one process already");
            }
            if (leases && store == StoreKind.MONGO) {
                problems.add("TOLLGATE_LEASES: on needs a SQL store (TOLLGATE_STORE=sqlite or postgres); "
                        + "on mongo every consumption is one atomic document update");
            }
            Optional<String> redisUrl = Optional.ofNullable(text("TOLLGATE_REDIS_URL"));
            if (redisUrl.isPresent() && !redisUrl.get().startsWith("redis://") && !redisUrl.get().startsWith("rediss://")) {
                problems.add("TOLLGATE_REDIS_URL: a Redis URL starts with redis:// or rediss://");
            }
            if (redisUrl.isPresent() && inProcessRateLimits) {
                problems.add("TOLLGATE_RATE_LIMITS: in-process conflicts with TOLLGATE_REDIS_URL (limits are counted in Redis)");
            }
            String redisPrefix = required("TOLLGATE_REDIS_PREFIX");
            Duration lookupCacheExpiry = attempt(() -> zeroOrDuration("TOLLGATE_CACHE_TTL"), Duration.ofSeconds(10));
            Path dataDirectory = dataDirectory();
            String databaseUser = text("TOLLGATE_DB_USER");
            String databasePassword = text("TOLLGATE_DB_PASSWORD");
            int poolSize = integer("TOLLGATE_DB_POOL_SIZE", 1, 1000);
            Optional<Smtp> smtp = attempt(this::smtp, Optional.empty());
            Email mailFrom = email("TOLLGATE_MAIL_FROM");
            String mailFromName = required("TOLLGATE_MAIL_FROM_NAME");
            byte[] masterKey = attempt(this::masterKey, null);
            Argon2Parameters argon2 = attempt(this::argon2, Argon2Parameters.DEFAULTS);
            TollgateSettings settings = settings();
            TenantResolver tenantResolver = choice("TOLLGATE_TENANT_RESOLVER", TenantResolver.class);
            Map<String, TenantId> tenantHosts = tenantHosts(tenantResolver);
            Optional<FirstAdmin> firstAdmin = attempt(this::firstAdmin, Optional.empty());
            throwIfAnyProblem();
            ServerConfiguration config = new ServerConfiguration(httpHost, httpPort, tenant, corsOrigins,
                    trustForwardedFor, metricsEnabled, metricsToken, serviceToken, enumerationSafeRegistration, store,
                    inProcessRateLimits, leases, redisUrl, redisPrefix, lookupCacheExpiry,
                    dataDirectory, databaseUrl, databaseUser, databasePassword, poolSize, smtp, mailFrom, mailFromName,
                    masterKey, argon2, settings, tenantResolver, tenantHosts, firstAdmin);
            // what each value passed alone, the adapters' settings check together
            try {
                config.httpSettings();
            } catch (IllegalArgumentException e) {
                problems.add("TOLLGATE_HTTP_HOST: " + e.getMessage());
            }
            try {
                config.smtpSettings();
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                String name = message.startsWith("host") ? "TOLLGATE_SMTP_HOST" : message.startsWith("port")
                        ? "TOLLGATE_SMTP_PORT" : message.contains("password") ? "TOLLGATE_SMTP_PASSWORD"
                        : message.startsWith("from") ? "TOLLGATE_MAIL_FROM" : "TOLLGATE_SMTP_HOST";
                problems.add(name + ": " + message);
            }
            throwIfAnyProblem();
            return config;
        }

        private void throwIfAnyProblem() {
            if (!problems.isEmpty()) {
                throw new ConfigurationException(problems);
            }
        }

        /** What {@code read} answers, or {@code fallback} with its refusal recorded. */
        private <T> T attempt(Supplier<T> read, T fallback) {
            try {
                return read.get();
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
                return fallback;
            }
        }

        /** The setting's value parsed; when refused, the refusal is recorded and the default parsed instead. */
        private <T> T parsed(String name, Function<String, T> parse) {
            try {
                return parse.apply(values.get(name));
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
                try {
                    return parse.apply(BY_NAME.get(name).defaultValue());
                } catch (ConfigurationException defaultRefused) {
                    return null;
                }
            }
        }

        private Path dataDirectory() {
            String value = required("TOLLGATE_DATA_DIR");
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                problems.add("TOLLGATE_DATA_DIR: not a valid path: '" + value + "'");
                return Path.of(BY_NAME.get("TOLLGATE_DATA_DIR").defaultValue());
            }
        }

        /** Each origin as the HTTP adapter takes it: {@code scheme://host[:port]}; {@code *} is not one. */
        private List<String> corsOrigins() {
            List<String> origins = list("TOLLGATE_CORS_ORIGINS");
            for (String origin : origins) {
                try {
                    HttpSettings.defaults().withCorsOrigins(List.of(origin));
                } catch (IllegalArgumentException e) {
                    problems.add("TOLLGATE_CORS_ORIGINS: '" + origin + "' is not an origin; list origins as "
                            + "scheme://host[:port] (e.g. https://app.example.com), comma-separated"
                            + (origin.contains("*") ? " (wildcards are not supported)" : ""));
                    return List.of();
                }
            }
            return origins;
        }

        private String metricsToken(boolean metricsEnabled) {
            String token = text("TOLLGATE_METRICS_TOKEN");
            if (token == null) {
                return null;
            }
            if (!metricsEnabled) {
                problems.add("TOLLGATE_METRICS_TOKEN: set, but TOLLGATE_METRICS_ENABLED is false");
                return null;
            }
            try {
                HttpSettings.defaults().withMetricsToken(token);
                return token;
            } catch (IllegalArgumentException e) {
                problems.add("TOLLGATE_METRICS_TOKEN: must be 16 to 512 visible characters without spaces, has "
                        + token.length() + " characters");
                return null;
            }
        }

        private TenantId tenant() {
            try {
                return TenantId.of(required("TOLLGATE_TENANT"));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("TOLLGATE_TENANT: " + e.getMessage());
            }
        }

        private Optional<Smtp> smtp() {
            String host = text("TOLLGATE_SMTP_HOST");
            String tls = choice("TOLLGATE_SMTP_TLS", List.of("none", "starttls", "implicit"));
            int port = integer("TOLLGATE_SMTP_PORT", 1, 65_535);
            if (host == null) {
                return Optional.empty();
            }
            String username = text("TOLLGATE_SMTP_USERNAME");
            String password = text("TOLLGATE_SMTP_PASSWORD");
            if ((username == null) != (password == null)) {
                throw new ConfigurationException(username == null
                        ? "TOLLGATE_SMTP_USERNAME: required when TOLLGATE_SMTP_PASSWORD is set"
                        : "TOLLGATE_SMTP_PASSWORD: required when TOLLGATE_SMTP_USERNAME is set");
            }
            return Optional.of(new Smtp(host, port, username, password, tls));
        }

        /** Kept only as its digest; a refusal never shows the token. */
        private ServiceToken serviceToken() {
            String token = text("TOLLGATE_SERVICE_TOKEN");
            if (token == null) {
                return null;
            }
            if (token.length() < ServiceToken.MIN_LENGTH) {
                throw new ConfigurationException("TOLLGATE_SERVICE_TOKEN: needs at least " + ServiceToken.MIN_LENGTH
                        + " characters, has " + token.length() + " (make one with: head -c 32 /dev/urandom | base64)");
            }
            try {
                return ServiceToken.of(token);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("TOLLGATE_SERVICE_TOKEN: " + e.getMessage());
            }
        }

        private byte[] masterKey() {
            String text = text("TOLLGATE_MASTER_KEY");
            if (text == null) {
                return null;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("TOLLGATE_MASTER_KEY: not base64");
            }
            if (key.length < 32) {
                throw new ConfigurationException("TOLLGATE_MASTER_KEY: needs at least 32 bytes, has " + key.length
                        + " (make one with: head -c 32 /dev/urandom | base64)");
            }
            return key;
        }

        private Argon2Parameters argon2() {
            int memory = integer("TOLLGATE_ARGON2_MEMORY_KIB", 8, 4_194_304);
            int iterations = integer("TOLLGATE_ARGON2_ITERATIONS", 1, 100);
            int parallelism = integer("TOLLGATE_ARGON2_PARALLELISM", 1, 64);
            try {
                return Argon2Parameters.DEFAULTS.withMemoryKib(memory).withIterations(iterations)
                        .withParallelism(parallelism);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("TOLLGATE_ARGON2_MEMORY_KIB: " + e.getMessage());
            }
        }

        private TollgateSettings settings() {
            TollgateSettings defaults = TollgateSettings.defaults();
            PasswordPolicySettings password = build("TOLLGATE_PASSWORD_MIN_LENGTH", () -> new PasswordPolicySettings(
                    integer("TOLLGATE_PASSWORD_MIN_LENGTH", 1, 4096), integer("TOLLGATE_PASSWORD_MAX_LENGTH", 1, 4096),
                    integer("TOLLGATE_PASSWORD_MIN_STRENGTH", 0, 4), bool("TOLLGATE_PASSWORD_REJECT_COMMON")),
                    defaults.passwordPolicy());
            LockoutSettings lockout = build("TOLLGATE_LOCKOUT_MAX_FAILURES", () -> new LockoutSettings(
                    integer("TOLLGATE_LOCKOUT_MAX_FAILURES", 1, 1000), duration("TOLLGATE_LOCKOUT_DURATION")),
                    defaults.lockout());
            SessionSettings sessions = build("TOLLGATE_SESSION_REFRESH_LIFETIME", () -> new SessionSettings(
                    duration("TOLLGATE_SESSION_ACCESS_LIFETIME"), duration("TOLLGATE_SESSION_REFRESH_LIFETIME"),
                    optionalDuration("TOLLGATE_SESSION_IDLE_TIMEOUT")), defaults.sessions());
            CodeSettings codes = build("TOLLGATE_CODE_DIGITS", () -> new CodeSettings(
                    integer("TOLLGATE_CODE_DIGITS", 6, 10), duration("TOLLGATE_CODE_VERIFICATION_LIFETIME"),
                    duration("TOLLGATE_CODE_RESET_LIFETIME"), integer("TOLLGATE_CODE_MAX_ATTEMPTS", 1, 100),
                    integer("TOLLGATE_CODE_MAX_SENDS", 1, 1000), duration("TOLLGATE_CODE_SEND_WINDOW")),
                    defaults.codes());
            HashingSettings hashing = build("TOLLGATE_HASHING_MAX_CONCURRENT", () -> new HashingSettings(
                    integer("TOLLGATE_HASHING_MAX_CONCURRENT", 1, 1024), duration("TOLLGATE_HASHING_MAX_WAIT")),
                    defaults.hashing());
            ApiKeySettings apiKeys = build("TOLLGATE_API_KEY_PREFIX", () -> new ApiKeySettings(
                    required("TOLLGATE_API_KEY_PREFIX"), bool("TOLLGATE_API_KEY_REQUIRE_VERIFIED_EMAIL")),
                    defaults.apiKeys());
            UsageSettings usage = build("TOLLGATE_USAGE_QUEUE_CAPACITY", () -> new UsageSettings(
                    integer("TOLLGATE_USAGE_QUEUE_CAPACITY", 1, 10_000_000), integer("TOLLGATE_USAGE_BATCH_SIZE", 1, 10_000),
                    duration("TOLLGATE_USAGE_FLUSH_INTERVAL"), duration("TOLLGATE_USAGE_RETENTION"),
                    waitUpTo("TOLLGATE_USAGE_FULL_QUEUE_WAIT", UsageSettings.LONGEST_FULL_QUEUE_WAIT)), defaults.usage());
            String plansFile = text("TOLLGATE_PLANS_FILE");
            PlanSettings plans = plansFile == null ? PlanSettings.DEFAULTS
                    : build("TOLLGATE_PLANS_FILE", () -> PlansFile.read(Path.of(plansFile)), PlanSettings.DEFAULTS);
            ThrottleSettings throttles = build("TOLLGATE_THROTTLE_LOGIN_PER_ADDRESS", this::throttles,
                    ThrottleSettings.DEFAULTS);
            StaffSettings staff = build("TOLLGATE_STAFF_ACCESS_LIFETIME", this::staff, StaffSettings.DEFAULTS);
            MfaSettings mfa = build("TOLLGATE_MFA_ISSUER", () -> mfa(staff), MfaSettings.DEFAULTS);
            PasswordAgeSettings passwordAge = build("TOLLGATE_PASSWORD_HISTORY", this::passwordAge,
                    PasswordAgeSettings.DEFAULTS);
            boolean newDeviceMail = onOff("TOLLGATE_NEW_DEVICE_MAIL");
            NetworkSettings network = build("TOLLGATE_AUTO_BLOCK_AFTER", this::network, NetworkSettings.DEFAULTS);
            SecuritySettings security = new SecuritySettings(mfa, passwordAge, newDeviceMail, network);
            return new TollgateSettings(password, lockout, sessions, codes, hashing, apiKeys, plans,
                    throttles, usage, bool("TOLLGATE_ALLOW_UNVERIFIED_LOGIN"), staff, security);
        }

        /**
         * The second factor's rules. Required roles must be roles of {@code staff}; requiring a
         * second factor needs the master key, which seals the factors' secrets (without it no one
         * could enrol, so the accounts it names could not log in).
         */
        private MfaSettings mfa(StaffSettings staff) {
            String issuer = parsed("TOLLGATE_MFA_ISSUER", raw -> {
                String value = requiredValue("TOLLGATE_MFA_ISSUER", raw);
                if (value.length() > 64 || value.contains(":")) {
                    throw new ConfigurationException("TOLLGATE_MFA_ISSUER: must be 1 to 64 characters without ':', was '"
                            + value + "'");
                }
                return value;
            });
            int maxFailures = integer("TOLLGATE_MFA_MAX_FAILURES", 1, 100);
            Duration lock = durationWithin("TOLLGATE_MFA_LOCK_DURATION", Duration.ofSeconds(1), Duration.ofDays(1));
            Duration challenge = durationWithin("TOLLGATE_MFA_CHALLENGE_LIFETIME", Duration.ofSeconds(30),
                    Duration.ofMinutes(30));
            Set<String> roles = new LinkedHashSet<>();
            for (String role : list("TOLLGATE_MFA_REQUIRED_ROLES")) {
                if (staff.role(role).isEmpty()) {
                    problems.add("TOLLGATE_MFA_REQUIRED_ROLES: '" + role + "' is not a staff role; the roles are "
                            + staff.roles().stream().map(Role::name).collect(Collectors.joining(", "))
                            + (text(RolesFile.SETTING) == null ? "" : " (from " + RolesFile.SETTING + ")"));
                } else {
                    roles.add(role);
                }
            }
            Set<TenantId> tenants = new LinkedHashSet<>();
            for (String tenant : list("TOLLGATE_MFA_REQUIRED_TENANTS")) {
                try {
                    tenants.add(TenantId.of(tenant));
                } catch (IllegalArgumentException e) {
                    problems.add("TOLLGATE_MFA_REQUIRED_TENANTS: '" + tenant + "': " + e.getMessage());
                }
            }
            for (String name : List.of("TOLLGATE_MFA_REQUIRED_ROLES", "TOLLGATE_MFA_REQUIRED_TENANTS")) {
                if (text(name) != null && text("TOLLGATE_MASTER_KEY") == null) {
                    problems.add(name + ": needs TOLLGATE_MASTER_KEY, which seals the second factors' secrets; "
                            + "without it no one can enrol, so those accounts could not log in");
                }
            }
            return new MfaSettings(issuer, maxFailures, lock, challenge, roles, tenants);
        }

        private PasswordAgeSettings passwordAge() {
            int history = integer("TOLLGATE_PASSWORD_HISTORY", 0, 24);
            String maxAge = text("TOLLGATE_PASSWORD_MAX_AGE");
            Duration expiry = maxAge == null || maxAge.equalsIgnoreCase(OFF) ? null
                    : durationWithin("TOLLGATE_PASSWORD_MAX_AGE", Duration.ofDays(1), Duration.ofDays(3650));
            return new PasswordAgeSettings(history, expiry);
        }

        /** The allow-list mode and the automatic blocking; the window and the block's length need it on. */
        private NetworkSettings network() {
            boolean allowList = onOff("TOLLGATE_IP_ALLOWLIST");
            int after = integer("TOLLGATE_AUTO_BLOCK_AFTER", 0, 10_000);
            Duration window = durationWithin("TOLLGATE_AUTO_BLOCK_WINDOW", Duration.ofSeconds(1), Duration.ofDays(7));
            Duration blockFor = durationWithin("TOLLGATE_AUTO_BLOCK_FOR", Duration.ofSeconds(1), Duration.ofDays(365));
            if (after == 0 && problems.stream().noneMatch(line -> line.startsWith("TOLLGATE_AUTO_BLOCK_AFTER:"))) {
                for (String name : List.of("TOLLGATE_AUTO_BLOCK_WINDOW", "TOLLGATE_AUTO_BLOCK_FOR")) {
                    if (given.contains(name)) {
                        problems.add(name + ": set, but TOLLGATE_AUTO_BLOCK_AFTER is 0 (automatic blocking is off)");
                    }
                }
            }
            return new NetworkSettings(allowList, after, window, blockFor);
        }

        /**
         * The staff roles (the roles file's, else the built-in ones with the support role's cap)
         * and the staff session rules: a staff session lasts the access lifetime in all (its
         * refresh token too) and ends when unused for the idle timeout.
         */
        private StaffSettings staff() {
            String rolesFile = text(RolesFile.SETTING);
            long supportCap = longInteger("TOLLGATE_SUPPORT_CREDIT_CAP", 0, Long.MAX_VALUE);
            List<Role> roles = StaffSettings.DEFAULT_ROLES;
            if (rolesFile != null) {
                if (given.contains("TOLLGATE_SUPPORT_CREDIT_CAP")) {
                    problems.add("TOLLGATE_SUPPORT_CREDIT_CAP: set, but TOLLGATE_ROLES_FILE is set too; give each "
                            + "role's credit_cap in the roles file");
                }
                roles = attempt(() -> RolesFile.read(Path.of(rolesFile)), StaffSettings.DEFAULT_ROLES);
            } else {
                roles = roles.stream().map(role -> role.name().equals(StaffSettings.SUPPORT)
                        ? new Role(role.name(), role.permissions(), supportCap, role.allTenants()) : role).toList();
            }
            Duration lifetime = duration("TOLLGATE_STAFF_ACCESS_LIFETIME");
            Duration idle = duration("TOLLGATE_STAFF_IDLE_TIMEOUT");
            return new StaffSettings(roles, new SessionSettings(lifetime, lifetime, idle),
                    bool("TOLLGATE_STAFF_REQUIRE_VERIFIED_EMAIL"));
        }

        /** The host-to-tenant map; required by, and only allowed with, the host resolver. */
        private Map<String, TenantId> tenantHosts(TenantResolver resolver) {
            String name = "TOLLGATE_TENANT_HOSTS";
            Map<String, TenantId> hosts = new LinkedHashMap<>();
            for (String pair : list(name)) {
                int equals = pair.indexOf('=');
                String host = equals < 0 ? "" : pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                String tenant = equals < 0 ? "" : pair.substring(equals + 1).strip();
                if (host.isEmpty() || tenant.isEmpty()) {
                    problems.add(name + ": '" + pair + "' is not host=tenant (e.g. api.acme.example=acme)");
                    continue;
                }
                if (!host.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
                    problems.add(name + ": '" + host + "' is not a host name (without port; a request's port is "
                            + "ignored)");
                    continue;
                }
                try {
                    if (hosts.putIfAbsent(host, TenantId.of(tenant)) != null) {
                        problems.add(name + ": host '" + host + "' is mapped twice");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(name + ": '" + pair + "': " + e.getMessage());
                }
            }
            if (resolver == TenantResolver.HOST && hosts.isEmpty() && text(name) == null) {
                problems.add(name + ": required when TOLLGATE_TENANT_RESOLVER is host");
            }
            if (resolver != TenantResolver.HOST && text(name) != null) {
                problems.add(name + ": set, but TOLLGATE_TENANT_RESOLVER is not host");
            }
            return hosts;
        }

        /** Both the email and the password, or neither; a refusal never shows the password. */
        private Optional<FirstAdmin> firstAdmin() {
            String email = text("TOLLGATE_ADMIN_EMAIL");
            String password = text("TOLLGATE_ADMIN_PASSWORD");
            String username = required("TOLLGATE_ADMIN_USERNAME");
            if (email == null && password == null) {
                return Optional.empty();
            }
            if (email == null || password == null) {
                throw new ConfigurationException(email == null
                        ? "TOLLGATE_ADMIN_EMAIL: required when TOLLGATE_ADMIN_PASSWORD is set"
                        : "TOLLGATE_ADMIN_PASSWORD: required when TOLLGATE_ADMIN_EMAIL is set");
            }
            List<String> refusals = new ArrayList<>();
            if (Email.parse(email).isEmpty()) {
                refusals.add("TOLLGATE_ADMIN_EMAIL: not a valid email address: '" + email + "'");
            }
            if (username != null && Username.parse(username).isEmpty()) {
                refusals.add("TOLLGATE_ADMIN_USERNAME: " + Username.MIN_LENGTH + " to " + Username.MAX_LENGTH
                        + " letters, digits, '.', '_' or '-', was '" + username + "'");
            }
            if (!refusals.isEmpty()) {
                throw new ConfigurationException(refusals);
            }
            return Optional.of(new FirstAdmin(email, username, password));
        }

        private ThrottleSettings throttles() {
            Map<Action, Rule> rules = new EnumMap<>(Action.class);
            for (Action action : Action.values()) {
                Limit perAccount = action == Action.KEY_VERIFICATION ? null : limit(throttleSetting(action, true));
                rules.put(action, new Rule(limit(throttleSetting(action, false)), perAccount));
            }
            return new ThrottleSettings(rules);
        }

        /** {@code attempts/window}, e.g. {@code 30/1m}, or {@code off}. */
        private Limit limit(String name) {
            return parsed(name, raw -> {
                String value = requiredValue(name, raw);
                if (value.equalsIgnoreCase("off")) {
                    return null;
                }
                int slash = value.indexOf('/');
                if (slash > 0) {
                    try {
                        int attempts = Integer.parseInt(value.substring(0, slash).strip());
                        if (attempts >= 1) {
                            return Limit.of(attempts, parseDuration(name, value.substring(slash + 1).strip()));
                        }
                    } catch (NumberFormatException | ConfigurationException e) {
                        // reported below
                    }
                }
                throw new ConfigurationException(name + ": must be attempts/window such as 30/1m, or off, was '"
                        + value + "'");
            });
        }

        /**
         * Builds a settings group; a rule across its values (min below max) is reported under
         * {@code name}, unless one of the values was refused already (the rule then saw a default).
         */
        private <T> T build(String name, Supplier<T> group, T fallback) {
            int before = problems.size();
            try {
                return group.get();
            } catch (ConfigurationException e) {
                problems.addAll(e.problems());
                return fallback;
            } catch (IllegalArgumentException e) {
                if (problems.size() == before) {
                    problems.add(name + ": " + e.getMessage());
                }
                return fallback;
            }
        }

        private String text(String name) {
            String value = values.get(name);
            return value == null || value.isEmpty() ? null : value;
        }

        private static String requiredValue(String name, String value) {
            if (value == null || value.isEmpty()) {
                throw new ConfigurationException(name + ": must not be empty");
            }
            return value;
        }

        private String required(String name) {
            return parsed(name, value -> requiredValue(name, value));
        }

        private List<String> list(String name) {
            String value = text(name);
            return value == null ? List.of()
                    : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }

        private int integer(String name, int min, int max) {
            return (int) longInteger(name, min, max);
        }

        private long longInteger(String name, long min, long max) {
            return parsed(name, raw -> {
                String value = requiredValue(name, raw);
                try {
                    long number = Long.parseLong(value);
                    if (number >= min && number <= max) {
                        return number;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new ConfigurationException(name + ": must be a whole number from " + min + " to " + max
                        + ", was '" + value + "'");
            });
        }

        private boolean bool(String name) {
            return parsed(name, raw -> {
                String value = requiredValue(name, raw).toLowerCase(Locale.ROOT);
                if (value.equals("true") || value.equals("false")) {
                    return Boolean.parseBoolean(value);
                }
                throw new ConfigurationException(name + ": must be true or false, was '" + value + "'");
            });
        }

        /** {@code on} or {@code off}, in any case. */
        private boolean onOff(String name) {
            return choice(name, List.of(ON, OFF)).equals(ON);
        }

        private <E extends Enum<E>> E choice(String name, Class<E> type) {
            return parsed(name, raw -> {
                String value = requiredValue(name, raw);
                try {
                    return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    String allowed = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
                    throw new ConfigurationException(name + ": must be one of " + allowed + ", was '" + value + "'");
                }
            });
        }

        private String choice(String name, List<String> allowed) {
            return parsed(name, raw -> {
                String value = requiredValue(name, raw).toLowerCase(Locale.ROOT);
                if (!allowed.contains(value)) {
                    throw new ConfigurationException(name + ": must be one of " + String.join(", ", allowed)
                            + ", was '" + value + "'");
                }
                return value;
            });
        }

        private Email email(String name) {
            return parsed(name, raw -> {
                String value = requiredValue(name, raw);
                return Email.parse(value).orElseThrow(
                        () -> new ConfigurationException(name + ": not a valid email address: '" + value + "'"));
            });
        }

        /** A duration, or {@link Duration#ZERO} for {@code 0} (with a unit or without: {@code 0s}). */
        private Duration zeroOrDuration(String name) {
            String value = text(name);
            return value != null && value.matches("0(ms|s|m|h|d)?") ? Duration.ZERO : duration(name);
        }

        /** A duration from zero ({@code 0s}, no wait) to {@code longest}. */
        private Duration waitUpTo(String name, Duration longest) {
            Duration wait = zeroOrDuration(name);
            if (wait != null && wait.compareTo(longest) > 0) {
                problems.add(name + ": must be 0s to " + written(longest) + ", was '" + text(name) + "'");
                return Duration.ZERO;
            }
            return wait;
        }

        private Duration duration(String name) {
            return parsed(name, raw -> parseDuration(name, requiredValue(name, raw)));
        }

        /** A duration from {@code shortest} to {@code longest}, both included. */
        private Duration durationWithin(String name, Duration shortest, Duration longest) {
            return parsed(name, raw -> {
                String value = requiredValue(name, raw);
                Duration duration = parseDuration(name, value);
                if (duration.compareTo(shortest) < 0 || duration.compareTo(longest) > 0) {
                    throw new ConfigurationException(name + ": must be from " + written(shortest) + " to "
                            + written(longest) + ", was '" + value + "'");
                }
                return duration;
            });
        }

        private Duration optionalDuration(String name) {
            return parsed(name, raw -> raw == null || raw.isEmpty() ? null : parseDuration(name, raw));
        }

        private static Duration parseDuration(String name, String value) {
            Matcher matcher = DURATION.matcher(value);
            Duration duration = null;
            try {
                if (matcher.matches()) {
                    long amount = Long.parseLong(matcher.group(1));
                    duration = switch (matcher.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
                } else {
                    duration = Duration.parse(value);
                }
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                // reported below
            }
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new ConfigurationException(name + ": must be a positive duration such as 500ms, 30s, 15m, 24h, 30d "
                        + "or PT15M, was '" + value + "'");
            }
            return duration;
        }
    }
}
