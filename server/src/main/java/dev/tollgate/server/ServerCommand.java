package dev.tollgate.server;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What a command of the command line that does something extends: it is made with the
 * {@link Invocation} it runs in and answers its exit status from {@link #call()}. A new command
 * (admin, import, export, migrate) is one such class, listed in its parent's {@code subcommands}.
 */
abstract class ServerCommand implements Callable<Integer> {

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
}
