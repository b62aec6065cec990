package dev.tollgate.server;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What every command of the command line runs with: the environment it reads settings from and
 * the streams it answers on. {@link TollgateServer#main} passes the process's own; tests pass
 * their own, so a command runs in-process exactly as from a shell.
 */
record Invocation(Map<String, String> environment, PrintStream out, PrintStream err) {

    Invocation {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** Prints each problem as one line, the way start-up does, and answers the usage-error status. */
    int configurationErrors(ConfigurationException e) {
        e.problems().forEach(problem -> err.println("configuration error: " + problem));
        return TollgateServer.USAGE_ERROR;
    }
}
