package dev.tollgate.server;

import dev.tollgate.port.StoreUnavailableException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code tollgate-server serve [--config FILE]}, also what {@code tollgate-server} does without a
 * command: starts the HTTP server with the configuration from the file (overridden by the
 * environment), and stops it gracefully on SIGTERM or Ctrl-C. Configuration errors stop start-up
 * with one line each, naming the setting, and exit status 2; a failure to start (the port taken,
 * the data directory held by another server, the store unreachable) with one line and exit
 * status 1.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = {"Starts the HTTP server; what tollgate-server does without a command.",
                "Stops gracefully on SIGTERM or Ctrl-C. Exit status 2: a configuration error (one line each); "
                        + "1: it could not start (the port taken, the data directory held, the store unreachable)."})
final class ServeCommand extends ServerCommand {

    ServeCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        return serve(configurationFile(), invocation);
    }

    /**
     * Starts the server; answers the exit status, or {@link TollgateServer#SERVING} when it was
     * started and keeps running until the JVM is asked to stop.
     */
    static int serve(ConfigurationFile source, Invocation invocation) {
        Map<String, String> environment = invocation.environment();
        ServerConfiguration configuration;
        Map<String, String> file;
        try {
            file = source.entries();
            configuration = ServerConfiguration.read(environment, file);
        } catch (ConfigurationException e) {
            return invocation.configurationErrors(e);
        }
        Logger log = LoggerFactory.getLogger(TollgateServer.class);
        log.info("starting tollgate {} with {}", TollgateServer.version(), ServerConfiguration.describe(environment, file));
        RunningServer server;
        try {
            server = ServerLauncher.start(configuration);
        } catch (ConfigurationException e) {
            e.problems().forEach(problem -> log.error("configuration error: {}", problem));
            return invocation.configurationErrors(e);
        } catch (ServerStartException | StoreUnavailableException e) {
            // an operator's matter (port taken, data directory held, database down): one line, no stack trace
            String reason = e instanceof ServerStartException ? e.getMessage() : oneLine(e);
            log.error("tollgate could not start: {}", reason);
            invocation.err().println("tollgate could not start: " + reason);
            return TollgateServer.START_FAILURE;
        } catch (RuntimeException e) {
            log.error("tollgate could not start: {}", e.getMessage(), e);
            invocation.err().println("tollgate could not start: " + oneLine(e));
            return TollgateServer.START_FAILURE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping tollgate");
            server.close();
            log.info("tollgate stopped");
        }, "tollgate-shutdown"));
        log.info("tollgate {} listening on http://{}:{}", TollgateServer.version(), configuration.httpHost(),
                server.port());
        return TollgateServer.SERVING;
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
}
