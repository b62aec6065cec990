package dev.tollgate.server;

import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.api.staff.NewStaff;
import dev.tollgate.port.api.staff.StaffMember;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate-server admin create --email E [--username U] --role R [--tenant T]}: creates a
 * user holding a staff role, as the system (audited without an actor). The password is never an
 * argument: it is the environment variable {@code --password-env} names when that is set, else
 * the first line piped to standard input (a prompt that does not echo on a terminal).
 */
@Command(name = "create", mixinStandardHelpOptions = true, versionProvider = TollgateServer.Version.class,
        description = {"Creates a staff account: a user of the tenant holding the role (its address taken as "
                + "unverified; a verification code is mailed).",
                "The password is read from the variable --password-env names, else from standard input "
                        + "(e.g. printf '%%s' \"$PW\" | tollgate-server admin create ...); never from an argument.",
                "Exit status 0: created; 1: refused (PASSWORD_REJECTED, USERNAME_TAKEN, EMAIL_TAKEN, ...) or the "
                        + "store unavailable; 2: a usage or configuration error."})
final class AdminCreateCommand extends ServerCommand {

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "the staff member's address")
    String email;

    @Option(names = "--username", paramLabel = "USERNAME", description = "the username; default: the part of the "
            + "address before @")
    String username;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "the role, such as support, admin "
            + "or super_admin")
    String role;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "the tenant; default: TOLLGATE_TENANT")
    String tenant;

    @Option(names = "--password-env", paramLabel = "NAME", defaultValue = "TOLLGATE_ADMIN_PASSWORD",
            description = "the environment variable holding the password [default: ${DEFAULT-VALUE}]; when it is not "
                    + "set, the password is read from standard input")
    String passwordEnv;

    AdminCreateCommand(Invocation invocation) {
        super(invocation);
    }

    @Override
    Map<String, String> settingsEnvironment() {
        // this command makes the admin itself: the first-run settings of the server (which would want the
        // address beside a password in TOLLGATE_ADMIN_PASSWORD) and the variable holding this password are no
        // settings of it
        Map<String, String> environment = new HashMap<>(invocation.environment());
        environment.remove(passwordEnv);
        environment.keySet().removeIf(name -> name.startsWith("TOLLGATE_ADMIN_"));
        return environment;
    }

    @Override
    public Integer call() {
        String password = password();
        if (password == null) {
            invocation.err().println("no password: set " + passwordEnv + " or pipe it to standard input "
                    + "(it is never an argument)");
            return TollgateServer.USAGE_ERROR;
        }
        return onStore((tollgate, config) -> {
            TenantId tenantId;
            try {
                tenantId = tenant == null ? config.tenant() : TenantId.of(tenant);
            } catch (IllegalArgumentException e) {
                invocation.err().println("--tenant: " + e.getMessage());
                return TollgateServer.USAGE_ERROR;
            }
            String name = username != null ? username : email.contains("@") ? email.substring(0, email.indexOf('@'))
                    : email;
            Outcome<StaffMember> created = tollgate.staff().create(Actor.system(),
                    new NewStaff(tenantId, name, email, password, role), "command line: admin create",
                    RequestContext.NONE);
            if (!created.isDone()) {
                return refused("admin create refused", created.problem());
            }
            StaffMember member = created.orElseThrow();
            invocation.out().println("created " + member.role() + " " + member.username().value() + " <"
                    + member.email().value() + "> in tenant " + member.user().tenant().value() + ", id "
                    + member.user().id() + " (the address is unverified: a verification code was mailed)");
            if (tollgate.firstRun().superAdminExists()) {
                try {
                    Files.deleteIfExists(FirstStart.tokenFile(config));
                } catch (IOException e) {
                    invocation.err().println("a super admin exists, but " + FirstStart.tokenFile(config)
                            + " cannot be deleted: " + e.getMessage());
                }
            }
            return 0;
        });
    }

    /** From the environment variable when set, else the first line of standard input; null when neither gives one. */
    private String password() {
        String fromEnvironment = invocation.environment().get(passwordEnv);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (invocation.terminal() && console != null) {
            char[] typed = console.readPassword("password for %s: ", email);
            return typed == null || typed.length == 0 ? null : new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(invocation.in(), StandardCharsets.UTF_8)).readLine();
            return line == null || line.isEmpty() ? null : line;
        } catch (IOException e) {
            return null;
        }
    }
}
