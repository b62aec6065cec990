package dev.tollgate.server;

import dev.tollgate.port.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar tollgate-server.jar [--config FILE] | --help | --version}: starts the HTTP
 * server with the configuration from the file (overridden by the environment), and stops it
 * gracefully on SIGTERM or Ctrl-C. Configuration errors stop start-up with one line each, naming
 * the setting, and exit status 2; a failure to start (the port taken, the data directory held
 * by another server, the store unreachable) with one line and exit status 1.
 */
public final class TollgateServer {

    /** Exit status of a configuration or usage error. */
    public static final int USAGE_ERROR = 2;
    /** Exit status of a failure to start (the store or the port unavailable). */
    public static final int START_FAILURE = 1;

    private TollgateServer() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command line; answers the exit status, or -1 when the server was started and keeps
     * running until the JVM is asked to stop.
     */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.print(help());
                    return 0;
                }
                case "--version" -> {
                    out.println("tollgate " + version());
                    return 0;
                }
                case "--config" -> {
                    if (i + 1 == args.length) {
                        err.println("--config needs a file: --config tollgate.properties");
                        return USAGE_ERROR;
                    }
                    configFile = Path.of(args[++i]);
                }
                default -> {
                    err.println("unknown argument '" + args[i] + "'; see --help");
                    return USAGE_ERROR;
                }
            }
        }
        ServerConfiguration configuration;
        Map<String, String> file;
        try {
            file = configFile == null ? Map.of() : readProperties(configFile);
            configuration = ServerConfiguration.read(environment, file);
        } catch (ConfigurationException e) {
            e.problems().forEach(problem -> err.println("configuration error: " + problem));
            return USAGE_ERROR;
        }
        Logger log = LoggerFactory.getLogger(TollgateServer.class);
        log.info("starting tollgate {} with {}", version(), ServerConfiguration.describe(environment, file));
        RunningServer server;
        try {
            server = ServerLauncher.start(configuration);
        } catch (ConfigurationException e) {
            e.problems().forEach(problem -> {
                log.error("configuration error: {}", problem);
                err.println("configuration error: " + problem);
            });
            return USAGE_ERROR;
        } catch (ServerStartException | StoreUnavailableException e) {
            // an operator's matter (port taken, data directory held, database down): one line, no stack trace
            String reason = e instanceof ServerStartException ? e.getMessage() : oneLine(e);
            log.error("tollgate could not start: {}", reason);
            err.println("tollgate could not start: " + reason);
            return START_FAILURE;
        } catch (RuntimeException e) {
            log.error("tollgate could not start: {}", e.getMessage(), e);
            err.println("tollgate could not start: " + oneLine(e));
            return START_FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping tollgate");
            server.close();
            log.info("tollgate stopped");
        }, "tollgate-shutdown"));
        log.info("tollgate {} listening on http://{}:{}", version(), configuration.httpHost(), server.port());
        return -1;
    }

    /** The failure's message and its causes' messages, on one line. */
    private static String oneLine(Throwable failure) {
        StringBuilder line = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !line.toString().contains(cause.getMessage())) {
                line.append(": ").append(cause.getMessage());
            }
        }
        return line.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--config: no such file " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("--config: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /** The version this jar was built as. */
    static String version() {
        try (InputStream in = TollgateServer.class.getResourceAsStream("/tollgate-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String help() {
        StringBuilder text = new StringBuilder();
        text.append("Tollgate ").append(version()).append(": user accounts, sessions and one-time codes over HTTP\n\n")
                .append("Usage: java -jar tollgate-server.jar [--config FILE]\n")
                .append("       java -jar tollgate-server.jar --help | --version\n\n")
                .append("  --config FILE  a properties file of the settings below (same names); the environment overrides it\n")
                .append("  --help         this text\n")
                .append("  --version      the version\n\n")
                .append("Settings (environment variables; default in brackets). A secret may instead be read from a\n")
                .append("file named by <NAME>_FILE (e.g. TOLLGATE_DB_PASSWORD_FILE=/run/secrets/db), one trailing newline\n")
                .append("dropped. An unknown TOLLGATE_* variable is refused (TOLLGATE_TEST_* names are left to the tests).\n");
        int width = ServerConfiguration.SETTINGS.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (Setting setting : ServerConfiguration.SETTINGS) {
            String shownDefault = setting.defaultValue().isEmpty() ? "none" : setting.defaultValue();
            text.append("  ").append(String.format("%-" + width + "s", setting.name())).append("  ")
                    .append(setting.description()).append(setting.secret() ? " (secret; or " + setting.name()
                            + ServerConfiguration.FILE_SUFFIX + ")" : "").append(" [").append(shownDefault).append("]\n");
        }
        text.append("  ").append(String.format("%-" + width + "s", "TOLLGATE_LOG_LEVEL")).append("  ")
                .append("level of Tollgate's own log lines (JSON on standard output) [INFO]\n");
        return text.toString();
    }
}
