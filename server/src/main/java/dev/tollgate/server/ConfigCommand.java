package dev.tollgate.server;

import picocli.CommandLine.Command;

/** {@code tollgate-server config ...}: the commands about the configuration. Alone, it shows its usage. */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = "Commands about the configuration.",
        subcommands = ConfigCheckCommand.class)
final class ConfigCommand {
}
