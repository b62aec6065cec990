package dev.tollgate.server;

import dev.tollgate.Tollgate;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.api.Problem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a command of the command line that does something extends: it is made with the
 * {@link Invocation} it runs in and answers its exit status from {@link #call()}. A new command
 * (admin, import, export, migrate) is one such class, listed in its parent's {@code subcommands}.
 */
abstract class ServerCommand implements Callable<Integer> {

    /** Exit status of a command whose request was refused (a rejected password, no such user) or could not run. */
    static final int REFUSED = 1;

    @Spec
    CommandSpec command;

    final Invocation invocation;

    ServerCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    /** The {@code --config} option, as given to this command or to any command above it. */
    ConfigurationFile configurationFile() {
        return TollgateServer.configurationFile(command);
    }

    /** The environment the settings are read from; a command may leave out a variable it reads itself. */
    Map<String, String> settingsEnvironment() {
        return invocation.environment();
    }

    /**
     * Reads the configuration as the server does, opens Tollgate on the configured store (no HTTP
     * server, no first-start steps), runs {@code work} and closes it. Answers {@code work}'s
     * status; {@link TollgateServer#USAGE_ERROR} for a configuration error, {@link #REFUSED}
     * when the store cannot be opened (unreachable, or a SQLite directory held by a running server).
     * Log lines go to standard error, so standard output holds only the command's answer.
     */
    int onStore(BiFunction<Tollgate, ServerConfiguration, Integer> work) {
        System.setProperty("tollgate.log.target", "System.err");
        ServerConfiguration configuration;
        try {
            configuration = ServerConfiguration.read(settingsEnvironment(), configurationFile().entries());
        } catch (ConfigurationException e) {
            return invocation.configurationErrors(e);
        }
        Tollgate tollgate;
        try {
            tollgate = ServerLauncher.tollgate(configuration);
        } catch (ServerStartException | StoreUnavailableException e) {
            invocation.err().println("cannot open the store: " + oneLine(e));
            return REFUSED;
        }
        try {
            return work.apply(tollgate, configuration);
        } finally {
            tollgate.close();
        }
    }

    /** Prints a refusal as one line naming its code, and answers {@link #REFUSED}. */
    int refused(String what, Problem problem) {
        invocation.err().println(what + ": " + FirstStart.describe(problem));
        return REFUSED;
    }

    /** Prints rows under their headers, each column as wide as its widest cell. */
    void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        invocation.out().println(line(headers, widths));
        rows.forEach(row -> invocation.out().println(line(row, widths)));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == cells.size() - 1 ? cells.get(i) : String.format("%-" + widths[i] + "s  ", cells.get(i)));
        }
        return line.toString().stripTrailing();
    }

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
