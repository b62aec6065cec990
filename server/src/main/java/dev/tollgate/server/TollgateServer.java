package dev.tollgate.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line, {@code java -jar tollgate-server.jar [COMMAND] [--config FILE]}: without a
 * command it serves ({@link ServeCommand}), as {@code serve} does; {@code config check}
 * ({@link ConfigCheckCommand}) checks the configuration without starting; {@code admin} and
 * {@code users} ({@link AdminCommand}, {@link UsersCommand}) act on the store without serving. {@code --help} (of
 * every command) and {@code --version} are generated. Each command is one class, listed below;
 * a wrong option or argument is one line on standard error and exit status 2.
 */
@Command(name = "tollgate-server", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        subcommands = {ServeCommand.class, ConfigCommand.class, AdminCommand.class, UsersCommand.class},
        description = {"Run as java -jar tollgate-server.jar [COMMAND]. Without a command it serves, as serve does.",
                ""})
public final class TollgateServer implements Callable<Integer> {

    /** Exit status of a configuration or usage error. */
    public static final int USAGE_ERROR = 2;
    /** Exit status of a failure to start (the store or the port unavailable). */
    public static final int START_FAILURE = 1;
    /** What {@link #run} answers when the server was started and keeps running: no exit status yet. */
    static final int SERVING = -1;

    private static final String SETTINGS_SECTION = "settings";

    @Mixin
    ConfigurationFile configuration;

    private final Invocation invocation;

    TollgateServer(Invocation invocation) {
        this.invocation = invocation;
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.in, System.console() != null, System.out, System.err);
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /**
     * Runs the command line; answers the exit status, or {@link #SERVING} (-1) when the server was
     * started and keeps running until the JVM is asked to stop.
     */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        return run(args, environment, new ByteArrayInputStream(new byte[0]), false, out, err);
    }

    /** As {@link #run(String[], Map, PrintStream, PrintStream)}, with {@code in} piped to the command. */
    static int run(String[] args, Map<String, String> environment, InputStream in, boolean terminal, PrintStream out,
            PrintStream err) {
        CommandLine commandLine = commandLine(new Invocation(environment, in, terminal, out, err));
        PrintWriter helpOut = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter helpErr = new PrintWriter(err, true, StandardCharsets.UTF_8);
        commandLine.setOut(helpOut).setErr(helpErr);
        try {
            return commandLine.execute(args);
        } finally {
            helpOut.flush();
            helpErr.flush();
        }
    }

    /** The command tree over {@code invocation}; every command gets it through its constructor. */
    static CommandLine commandLine(Invocation invocation) {
        CommandLine commandLine = new CommandLine(TollgateServer.class, new CommandFactory(invocation))
                .setExpandAtFiles(false)
                .setParameterExceptionHandler((e, args) -> {
                    PrintStream err = invocation.err();
                    StringWriter suggestions = new StringWriter();
                    UnmatchedArgumentException.printSuggestions(e, new PrintWriter(suggestions));
                    err.println(e.getMessage().strip() + "; see " + e.getCommandLine().getCommandSpec().qualifiedName()
                            + " --help" + (suggestions.toString().isBlank() ? ""
                            : " (" + suggestions.toString().strip().replaceAll("\\s*\\R\\s*", " ") + ")"));
                    return USAGE_ERROR;
                });
        commandLine.getCommandSpec().usageMessage().header("Tollgate " + version()
                + ": user accounts, API keys and metered credits over HTTP", "");
        withSettings(commandLine);
        withSettings(commandLine.getSubcommands().get("serve"));
        return commandLine;
    }

    @Override
    public Integer call() {
        return ServeCommand.serve(configuration, invocation);
    }

    /** The {@code --config} option as given to {@code command} or to any command above it. */
    static ConfigurationFile configurationFile(CommandSpec command) {
        return ((TollgateServer) command.root().userObject()).configuration;
    }

    /** Adds the list of every setting, with its default, to a serving command's help. */
    private static void withSettings(CommandLine command) {
        command.getHelpSectionMap().put(SETTINGS_SECTION, help -> settingsHelp());
        List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), SETTINGS_SECTION);
        command.setHelpSectionKeys(keys);
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

    /** Every setting with its default, as the help lists them (one line each, never wrapped). */
    static String settingsHelp() {
        StringBuilder text = new StringBuilder();
        text.append("\nSettings: environment variables, or the same names in the --config file, which the\n")
                .append("environment overrides; the default in brackets. A secret may instead be read from a file\n")
                .append("named by <NAME>_FILE (e.g. TOLLGATE_DB_PASSWORD_FILE=/run/secrets/db), one trailing newline\n")
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

    /** {@code --version} of every command: {@code tollgate <version>}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tollgate " + version()};
        }
    }

    /** Makes each command with the invocation when it takes one, else as picocli does. */
    private static final class CommandFactory implements CommandLine.IFactory {
        private final Invocation invocation;

        CommandFactory(Invocation invocation) {
            this.invocation = invocation;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Invocation.class) {
                    return type.cast(constructor.newInstance(invocation));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
