package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.Tollgate;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.staff.Actor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that act on the store, run in-process on a SQLite data directory exactly as from a shell. */
class CommandsTest {

    private static final String PASSWORD = "Analytical-Engine-1843-never-shown";

    @TempDir
    Path directory;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void help_listsTheAdminAndUsersCommands_andTheirSubcommands() {
        assertThat(command(null, "--help")).isZero();
        assertThat(stdout().lines().map(String::strip)).anyMatch(line -> line.startsWith("admin "))
                .anyMatch(line -> line.startsWith("users "));

        assertThat(command(null, "admin", "--help")).isZero();
        assertThat(stdout().lines().map(String::strip)).anyMatch(line -> line.startsWith("create "))
                .anyMatch(line -> line.startsWith("list "));

        assertThat(command(null, "users", "--help")).isZero();
        assertThat(stdout().lines().map(String::strip)).anyMatch(line -> line.startsWith("find "))
                .anyMatch(line -> line.startsWith("suspend "));

        assertThat(command(null, "admin", "create", "--help")).isZero();
        assertThat(stdout()).contains("--email", "--role", "--tenant", "--password-env", "standard input",
                "printf '%s'").doesNotContain("--password=").doesNotContain("%%");
    }

    @Test
    void adminCreate_readsThePasswordFromStandardInput_andAdminListShowsTheNewSuperAdmin() {
        int status = command(PASSWORD + "\n", "admin", "create", "--email", "root@example.com", "--username", "root",
                "--role", "super_admin");

        assertThat(status).as(stderr()).isZero();
        assertThat(stdout()).startsWith("created super_admin root <root@example.com> in tenant default, id ")
                .doesNotContain(PASSWORD);

        assertThat(command(null, "admin", "list")).as(stderr()).isZero();
        List<String> lines = stdout().lines().toList();
        assertThat(lines.get(0)).matches("ID\\s+USERNAME\\s+EMAIL\\s+ROLE\\s+GRANTED");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("root", "root@example.com", "super_admin");
    }

    @Test
    void adminCreate_takesThePasswordFromTheVariableNamedByPasswordEnv_inTheTenantGiven() {
        Map<String, String> environment = environment();
        environment.put("SUPPORT_PASSWORD", PASSWORD);
        environment.put("TOLLGATE_TENANT", "acme");
        prepareTenant(environment);

        int status = commandWith(environment, null, "admin", "create", "--email", "help@example.com", "--role", "support",
                "--password-env", "SUPPORT_PASSWORD");

        assertThat(status).as(stderr()).isZero();
        assertThat(stdout()).startsWith("created support help <help@example.com> in tenant acme");
        assertThat(commandWith(environment, null, "admin", "list", "--tenant", "acme")).isZero();
        assertThat(stdout()).contains("help@example.com", "support");
    }

    @Test
    void adminCreate_takesThePasswordFromTollgateAdminPassword_byDefault_withoutTheFirstRunsAddress() {
        Map<String, String> environment = environment();
        environment.put("TOLLGATE_ADMIN_PASSWORD", PASSWORD);

        int status = commandWith(environment, null, "admin", "create", "--email", "root@example.com", "--role",
                "super_admin");

        assertThat(status).as(stderr()).isZero();
        assertThat(stdout()).startsWith("created super_admin root <root@example.com> in tenant default")
                .doesNotContain(PASSWORD);
    }

    @Test
    void adminCreate_withoutAPassword_isAUsageError_andARejectedPassword_isRefusedWithItsCode_creatingNothing() {
        assertThat(command(null, "admin", "create", "--email", "root@example.com", "--role", "super_admin"))
                .isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(stderr()).startsWith("no password: set TOLLGATE_ADMIN_PASSWORD or pipe it to standard input");

        assertThat(command("Xq7!\n", "admin", "create", "--email", "root@example.com", "--role", "super_admin"))
                .isEqualTo(ServerCommand.REFUSED);
        assertThat(stderr()).startsWith("admin create refused: PASSWORD_REJECTED: ").doesNotContain("Xq7!");

        assertThat(command(PASSWORD + "\n", "admin", "create", "--email", "root@example.com", "--role", "emperor"))
                .isEqualTo(ServerCommand.REFUSED);
        assertThat(stderr()).startsWith("admin create refused: VALIDATION_FAILED");

        assertThat(command(null, "admin", "list")).isZero();
        assertThat(stdout().lines()).hasSize(1);
        assertThat(command(null, "admin", "create", "--email", "root@example.com", "--role", "super_admin", "--password",
                PASSWORD)).as("never an argument").isEqualTo(TollgateServer.USAGE_ERROR);
    }

    @Test
    void usersFind_showsTheMatchingUsersAsATable_andSaysWhenThereAreMore() {
        register("ada", "ada@example.com");
        register("adelaide", "adelaide@example.com");
        register("charles", "charles@example.com");

        assertThat(command(null, "users", "find", "ad")).as(stderr()).isZero();
        List<String> lines = stdout().lines().toList();
        assertThat(lines.get(0)).matches("ID\\s+USERNAME\\s+EMAIL\\s+STATUS\\s+PLAN");
        assertThat(lines.subList(1, lines.size())).hasSize(2)
                .anyMatch(line -> line.contains("ada@example.com") && line.contains("active") && line.endsWith("free"))
                .anyMatch(line -> line.contains("adelaide@example.com"));

        assertThat(command(null, "users", "find", "ad", "--limit", "1")).isZero();
        assertThat(stdout().lines()).hasSize(3).last().asString().startsWith("(more than 1 users match");

        assertThat(command(null, "users", "find", "zed")).isZero();
        assertThat(stdout().lines()).hasSize(1);
        assertThat(command(null, "users", "find", "ad", "--limit", "500")).isEqualTo(TollgateServer.USAGE_ERROR);
    }

    @Test
    void usersSuspend_byLoginOrId_suspendsTheAccount_auditedWithTheReason_andAnUnknownUserIsRefused() {
        UserId ada = register("ada", "ada@example.com");
        UserId bob = register("bob", "bob@example.com");

        assertThat(command(null, "users", "suspend", "ada@example.com", "--reason", "chargeback")).as(stderr()).isZero();
        assertThat(stdout()).startsWith("suspended ada <ada@example.com>, id " + ada);
        assertThat(command(null, "users", "suspend", bob.toString(), "--reason", "abuse")).as(stderr()).isZero();

        try (Tollgate tollgate = ServerLauncher.tollgate(ServerConfiguration.read(environment(), Map.of()))) {
            assertThat(tollgate.accounts().findByLogin(TenantId.DEFAULT, "ada").orElseThrow().status())
                    .isEqualTo(AccountStatus.SUSPENDED);
            List<AuditEntry> audit = tollgate.auditSearch().search(Actor.system(), new AuditQuery(TenantId.DEFAULT, ada,
                    null, Set.of(), null, null, null), PageRequest.first()).orElseThrow().items();
            assertThat(audit).filteredOn(entry -> entry.type() == AuditType.ACCOUNT_SUSPENDED).singleElement()
                    .satisfies(entry -> {
                        assertThat(entry.reason().or(() -> Optional.ofNullable(entry.details().get("reason"))))
                                .contains("chargeback");
                        assertThat(entry.actor()).as("the system acts, no staff member").isEmpty();
                    });
        }

        assertThat(command(null, "users", "suspend", "nobody", "--reason", "x")).isEqualTo(ServerCommand.REFUSED);
        assertThat(stderr()).startsWith("users suspend: no user nobody in tenant default");
        assertThat(command(null, "users", "suspend", "ada")).as("the reason is required")
                .isEqualTo(TollgateServer.USAGE_ERROR);
    }

    @Test
    void aCommand_withABadSetting_isAUsageError_andNeverOpensTheStore() {
        Map<String, String> environment = environment();
        environment.put("TOLLGATE_STORE", "oracle");

        assertThat(commandWith(environment, null, "admin", "list")).isEqualTo(TollgateServer.USAGE_ERROR);
        assertThat(stderr()).startsWith("configuration error: TOLLGATE_STORE: must be one of");
        assertThat(directory.resolve("data")).doesNotExist();
    }

    private UserId register(String username, String email) {
        try (Tollgate tollgate = ServerLauncher.tollgate(ServerConfiguration.read(environment(), Map.of()))) {
            return tollgate.registration().register(Registration.of(TenantId.DEFAULT, username, email, PASSWORD))
                    .orElseThrow().user().id();
        }
    }

    private void prepareTenant(Map<String, String> environment) {
        ServerConfiguration config = ServerConfiguration.read(environment, Map.of());
        try (Tollgate tollgate = ServerLauncher.tollgate(config)) {
            tollgate.tenants().create(Actor.system(), config.tenant(), "Acme", RequestContext.NONE)
                    .orElseThrow();
        }
    }

    private int command(String stdin, String... args) {
        return commandWith(environment(), stdin, args);
    }

    private int commandWith(Map<String, String> environment, String stdin, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return TollgateServer.run(args, environment, new ByteArrayInputStream(
                        (stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)), false,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("TOLLGATE_DATA_DIR", directory.resolve("data").toString());
        return environment;
    }
}
