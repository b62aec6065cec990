package dev.tollgate.server;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code tollgate-server config check [--config FILE]}: reads and checks the configuration exactly
 * as start-up does (the file, the environment over it, secrets from their files, the plans file),
 * without opening the store or the port. Every problem is printed at once, one line each, with
 * exit status 2 as start-up; else {@code configuration OK} and each setting in force, secrets
 * named but never shown.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = {"Reads and checks the configuration exactly as start-up does, without opening the store or "
                + "the port.",
                "Prints every problem, one line each, and exits with status 2; or prints \"configuration OK\" and the "
                        + "settings in force (secrets never shown) and exits with 0."},
        footer = {"", "Every setting with its default: tollgate-server --help"})
final class ConfigCheckCommand extends ServerCommand {

    ConfigCheckCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    public Integer call() {
        Map<String, String> environment = invocation.environment();
        Map<String, String> file;
        try {
            file = configurationFile().entries();
            ServerConfiguration.read(environment, file);
        } catch (ConfigurationException e) {
            return invocation.configurationErrors(e);
        }
        PrintStream out = invocation.out();
        out.println("configuration OK");
        Map<String, String> shown = ServerConfiguration.describe(environment, file);
        List<String> secretsSet = new ArrayList<>();
        for (Setting setting : ServerConfiguration.SETTINGS) {
            String value = shown.get(setting.name());
            if (!setting.secret()) {
                out.println(setting.name() + "=" + value);
            } else if (!value.equals(setting.shown(null))) {
                secretsSet.add(setting.name());
            }
        }
        out.println("secrets set (never shown): " + (secretsSet.isEmpty() ? "none" : String.join(", ", secretsSet)));
        return 0;
    }
}
