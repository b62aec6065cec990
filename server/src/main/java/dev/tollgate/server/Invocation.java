package dev.tollgate.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What every command of the command line runs with: the environment it reads settings from and
 * the streams it reads and answers on. {@link TollgateServer#main} passes the process's own; tests
 * pass their own, so a command runs in-process exactly as from a shell.
 *
 * @param in where a command reads what is piped to it (a password); {@code terminal} when it is
 *           the process's own standard input attached to a console
 */
record Invocation(Map<String, String> environment, InputStream in, boolean terminal, PrintStream out, PrintStream err) {

    Invocation {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** An invocation with nothing piped in. */
    Invocation(Map<String, String> environment, PrintStream out, PrintStream err) {
        this(environment, new ByteArrayInputStream(new byte[0]), false, out, err);
    }

    /** Prints each problem as one line, the way start-up does, and answers the usage-error status. */
    int configurationErrors(ConfigurationException e) {
        e.problems().forEach(problem -> err.println("configuration error: " + problem));
        return TollgateServer.USAGE_ERROR;
    }
}
