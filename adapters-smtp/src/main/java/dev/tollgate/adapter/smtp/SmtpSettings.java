package dev.tollgate.adapter.smtp;

import dev.tollgate.port.Email;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where and how {@link SmtpMailer} delivers: the server, its credentials, the transport
 * security, the sender, the product name shown in mails, timeouts and the retry budget.
 * Every value is checked when the settings are made, with a message naming the setting;
 * {@link #toString()} never shows the password.
 *
 * <p>Start from {@link #defaults(String, int, String)} and change what differs with the
 * {@code with...} methods:
 *
 * <pre>{@code
 * SmtpSettings settings = SmtpSettings.defaults("smtp.example.com", 587, "no-reply@example.com")
 *         .withCredentials("mailer", secret)
 *         .withFromName("Example")
 *         .withAppName("Example");
 * }</pre>
 *
 * @param host the SMTP server's host name or address
 * @param port the SMTP server's port, 1 to 65535
 * @param username the user for SMTP AUTH, or {@code null} to send without authenticating
 * @param password the password for SMTP AUTH; {@code null} exactly when {@code username} is
 * @param tlsMode how the connection is protected
 * @param from the sender's address (the {@code From} header and the envelope sender)
 * @param fromName the sender's display name, e.g. {@code "Tollgate"}, or {@code null} for none
 * @param appName the product name used in subjects and bodies
 * @param connectTimeout how long to wait for the TCP connection
 * @param readTimeout how long to wait for each answer of the server
 * @param writeTimeout how long a write to the server may block
 * @param maxAttempts how many times a delivery is tried when failures are transient, 1 to 10
 * @param initialBackoff the wait after the first failed attempt; it doubles after each one
 * @param maxBackoff the longest wait between two attempts
 * @param trustedHosts hosts whose TLS certificate is accepted <em>without</em> verification,
 *     neither of its chain nor of the host name in it (Jakarta Mail's {@code mail.smtp.ssl.trust});
 *     empty by default, which means every certificate is verified against the JVM's trust
 *     store and the host name. Name a host here only for a test server or a private server
 *     with a self-signed certificate; {@code *} (every host) is refused.
 */
public record SmtpSettings(
        String host,
        int port,
        String username,
        String password,
        TlsMode tlsMode,
        Email from,
        String fromName,
        String appName,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Set<String> trustedHosts) {

    /** The product name used in mails unless {@link #withAppName(String)} says otherwise. */
    public static final String DEFAULT_APP_NAME = "Tollgate";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);

    /** The conventional port of implicit TLS ("SMTPS"). */
    public static final int SMTPS_PORT = 465;

    private static final int MAX_ATTEMPTS_LIMIT = 10;
    private static final Duration LONGEST_DURATION = Duration.ofMinutes(10);
    private static final Pattern HOST = Pattern.compile("[^\\s*]+");

    public SmtpSettings {
        host = requireText(host, "host");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host must not contain whitespace or '*'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        if (username != null) {
            username = requireText(username, "username");
            if (password == null) {
                throw new IllegalArgumentException("password must be set when username is");
            }
        } else if (password != null) {
            throw new IllegalArgumentException("password is set but username is not");
        }
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(from, "from");
        if (fromName != null) {
            fromName = requireLine(fromName, "fromName");
        }
        appName = requireLine(appName, "appName");
        requireDuration(connectTimeout, "connectTimeout", false);
        requireDuration(readTimeout, "readTimeout", false);
        requireDuration(writeTimeout, "writeTimeout", false);
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException(
                    "maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", was " + maxAttempts);
        }
        requireDuration(initialBackoff, "initialBackoff", true);
        requireDuration(maxBackoff, "maxBackoff", true);
        if (initialBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("initialBackoff (" + initialBackoff.toMillis()
                    + " ms) must not exceed maxBackoff (" + maxBackoff.toMillis() + " ms)");
        }
        Objects.requireNonNull(trustedHosts, "trustedHosts");
        for (String trusted : trustedHosts) {
            requireText(trusted, "trustedHosts entry");
            if (!HOST.matcher(trusted).matches()) {
                throw new IllegalArgumentException("trustedHosts entries must be host names without whitespace or '*'"
                        + " (trusting every host would switch certificate verification off)");
            }
        }
        trustedHosts = Set.copyOf(new LinkedHashSet<>(trustedHosts));
    }

    /**
     * Settings for {@code host:port} sending as {@code from}, without authentication, with
     * every other setting at its default: implicit TLS on port {@value #SMTPS_PORT} and required
     * STARTTLS on every other port, app name {@value #DEFAULT_APP_NAME}, 10 s timeouts, 3
     * attempts with waits of 500 ms doubling up to 5 s, no trusted hosts.
     *
     * @throws IllegalArgumentException when a value is invalid; the message names it
     */
    public static SmtpSettings defaults(String host, int port, String from) {
        return defaults(host, port, Email.parse(from)
                .orElseThrow(() -> new IllegalArgumentException("from must be a valid email address")));
    }

    /** {@link #defaults(String, int, String)} for an address already checked. */
    public static SmtpSettings defaults(String host, int port, Email sender) {
        Objects.requireNonNull(sender, "from");
        return new SmtpSettings(host, port, null, null, port == SMTPS_PORT ? TlsMode.IMPLICIT : TlsMode.STARTTLS,
                sender, null, DEFAULT_APP_NAME, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, Set.of());
    }

    /** These settings, authenticating as {@code username} with {@code password}. */
    public SmtpSettings withCredentials(String username, String password) {
        requireText(username, "username");
        Objects.requireNonNull(password, "password");
        return with(copy -> {
            copy.username = username;
            copy.password = password;
        });
    }

    /** These settings, sending without SMTP AUTH. */
    public SmtpSettings withoutCredentials() {
        return with(copy -> {
            copy.username = null;
            copy.password = null;
        });
    }

    public SmtpSettings withTlsMode(TlsMode tlsMode) {
        return with(copy -> copy.tlsMode = tlsMode);
    }

    /** These settings with the sender's display name, or none for {@code null}. */
    public SmtpSettings withFromName(String fromName) {
        return with(copy -> copy.fromName = fromName);
    }

    public SmtpSettings withAppName(String appName) {
        return with(copy -> copy.appName = appName);
    }

    public SmtpSettings withConnectTimeout(Duration connectTimeout) {
        return with(copy -> copy.connectTimeout = connectTimeout);
    }

    public SmtpSettings withReadTimeout(Duration readTimeout) {
        return with(copy -> copy.readTimeout = readTimeout);
    }

    public SmtpSettings withWriteTimeout(Duration writeTimeout) {
        return with(copy -> copy.writeTimeout = writeTimeout);
    }

    public SmtpSettings withMaxAttempts(int maxAttempts) {
        return with(copy -> copy.maxAttempts = maxAttempts);
    }

    /** These settings waiting {@code initial} after the first failure, doubling up to {@code max}. */
    public SmtpSettings withBackoff(Duration initial, Duration max) {
        return with(copy -> {
            copy.initialBackoff = initial;
            copy.maxBackoff = max;
        });
    }

    /**
     * These settings accepting the TLS certificates of {@code hosts} without verifying them.
     * Meant for test servers and self-signed private servers; see {@link #trustedHosts()}.
     */
    public SmtpSettings withTrustedHosts(String... hosts) {
        return with(copy -> copy.trustedHosts = new LinkedHashSet<>(Arrays.asList(hosts)));
    }

    /**
     * The wait before attempt {@code attempt + 1} after {@code attempt} failed: the initial
     * backoff, doubled for each earlier failure, at most the maximum.
     */
    public Duration backoffAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", tlsMode=" + tlsMode
                + ", from=" + from + ", fromName=" + fromName + ", appName=" + appName
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", writeTimeout=" + writeTimeout + ", maxAttempts=" + maxAttempts
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", trustedHosts=" + trustedHosts + "]";
    }

    /** These settings with {@code change} applied; the result is checked like any new settings. */
    private SmtpSettings with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.settings();
    }

    /** A changeable copy of every value, so each {@code with...} method names only what it changes. */
    private static final class Draft {
        private final String host;
        private final int port;
        private String username;
        private String password;
        private TlsMode tlsMode;
        private final Email from;
        private String fromName;
        private String appName;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration writeTimeout;
        private int maxAttempts;
        private Duration initialBackoff;
        private Duration maxBackoff;
        private Set<String> trustedHosts;

        private Draft(SmtpSettings settings) {
            host = settings.host;
            port = settings.port;
            username = settings.username;
            password = settings.password;
            tlsMode = settings.tlsMode;
            from = settings.from;
            fromName = settings.fromName;
            appName = settings.appName;
            connectTimeout = settings.connectTimeout;
            readTimeout = settings.readTimeout;
            writeTimeout = settings.writeTimeout;
            maxAttempts = settings.maxAttempts;
            initialBackoff = settings.initialBackoff;
            maxBackoff = settings.maxBackoff;
            trustedHosts = settings.trustedHosts;
        }

        private SmtpSettings settings() {
            return new SmtpSettings(host, port, username, password, tlsMode, from, fromName, appName,
                    connectTimeout, readTimeout, writeTimeout, maxAttempts, initialBackoff, maxBackoff, trustedHosts);
        }
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.strip();
    }

    private static String requireLine(String value, String name) {
        String text = requireText(value, name);
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must be a single line");
        }
        if (text.length() > 100) {
            throw new IllegalArgumentException(name + " must be at most 100 characters");
        }
        return text;
    }

    private static void requireDuration(Duration value, String name, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!zeroAllowed && value.toMillis() < 1)) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or positive" : "at least 1 ms")
                    + ", was " + value);
        }
        if (value.compareTo(LONGEST_DURATION) > 0) {
            throw new IllegalArgumentException(name + " must be at most 10 minutes, was " + value);
        }
    }
}
