package dev.tollgate.server;

import picocli.CommandLine.Command;

/** {@code tollgate-server admin ...}: the commands about staff. Alone, it shows its usage. */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = "Commands about staff accounts, on the configured store (stop a SQLite server first).",
        subcommands = {AdminCreateCommand.class, AdminListCommand.class})
final class AdminCommand {
}
