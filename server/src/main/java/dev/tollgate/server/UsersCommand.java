package dev.tollgate.server;

import picocli.CommandLine.Command;

/** {@code tollgate-server users ...}: the commands about users. Alone, it shows its usage. */
@Command(name = "users", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = "Commands about user accounts, on the configured store (stop a SQLite server first).",
        subcommands = {UsersFindCommand.class, UsersSuspendCommand.class})
final class UsersCommand {
}
