package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.Permission;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.StaffSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolesFileTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "roles.example.json");

    private static final String ALL = String.join(", ", EnumSet.allOf(Permission.class).stream()
            .map(permission -> "\"" + permission.id() + "\"").toList());

    /** Two roles; each refusal below changes one thing. */
    private static final String VALID = """
            {"roles": [
              {"name": "helpdesk", "permissions": ["users.read", "users.credits"], "credit_cap": 50,
               "all_tenants": false},
              {"name": "owner", "permissions": [%s], "credit_cap": "unlimited", "all_tenants": true}
            ]}
            """.formatted(ALL);

    @TempDir
    Path directory;

    @Test
    void theExampleFile_isExactlyTheBuiltInRoles() {
        assertThat(RolesFile.read(EXAMPLE)).isEqualTo(StaffSettings.DEFAULT_ROLES);
    }

    @Test
    void aValidFile_givesItsRoles_lowestTierFirst() {
        List<Role> roles = RolesFile.read(file(VALID));

        assertThat(roles).containsExactly(
                new Role("helpdesk", EnumSet.of(Permission.USERS_READ, Permission.USERS_CREDITS), 50, false),
                new Role("owner", EnumSet.allOf(Permission.class), Long.MAX_VALUE, true));
    }

    @Test
    void anUnknownPermission_isRefused_namingItsPathAndTheKnownOnes() {
        Path file = file(VALID.replace("\"users.credits\"", "\"users.credit\""));

        assertRefused(file, "roles[0].permissions[1]: unknown permission 'users.credit' (known: users.read, ");
    }

    @Test
    void aDuplicateName_isRefused_namingTheFirstDefinition() {
        Path file = file(VALID.replace("\"owner\"", "\"helpdesk\""));

        assertRefused(file, "roles[1].name: role 'helpdesk' is already defined by roles[0]");
    }

    @Test
    void theHighestRole_lackingAPermission_isRefused_namingWhatItLacks() {
        Path file = file(VALID.replace(", \"billing.write\"", ""));

        assertRefused(file, "roles[1].permissions: the highest role ('owner') is the super admin's and must hold "
                + "every permission; it lacks billing.write");
    }

    @Test
    void theHighestRole_notActingInAllTenants_isRefused() {
        Path file = file(VALID.replace("\"all_tenants\": true", "\"all_tenants\": false"));

        assertRefused(file, "roles[1].all_tenants: the highest role ('owner') is the super admin's and must act in all "
                + "tenants");
    }

    @Test
    void malformedValues_andFields_areRefused_oneLineNamingThePath() {
        assertRefused(file(VALID.replace("\"credit_cap\": 50", "\"credit_cap\": -1")),
                "roles[0].credit_cap: must be a whole number from 0 (no credits) or \"unlimited\", was -1");
        assertRefused(file(VALID.replace("\"credit_cap\": 50", "\"credit_cap\": 50, \"colour\": 1")),
                "roles[0].colour: unknown field (known: name, permissions, credit_cap, all_tenants)");
        assertRefused(file(VALID.replace("\"credit_cap\": 50,", "")), "roles[0].credit_cap: missing");
        assertRefused(file(VALID.replace("\"helpdesk\"", "\"Help Desk\"")), "roles[0].name: a role name is 1-32");
        assertRefused(file(VALID.replace("\"all_tenants\": false", "\"all_tenants\": \"no\"")),
                "roles[0].all_tenants: must be true or false, was 'no'");
        assertRefused(file("{\"roles\": []}"), "roles: must hold at least the super admin's role");
        assertRefused(file("[]"), "must hold a JSON object with roles, holds an array");
        assertRefused(file("{\"roles\": [}"), "line 1, column 12: malformed JSON");
        assertRefused(directory.resolve("missing.json"), "no such file");
    }

    @Test
    void theRolesFileSetting_replacesTheBuiltInRoles_andItsFaults_nameTheSetting() {
        Path file = file(VALID);

        ServerConfiguration config = ServerConfiguration.read(Map.of("TOLLGATE_ROLES_FILE", file.toString()), Map.of());

        assertThat(config.settings().staff().roles()).extracting(Role::name).containsExactly("helpdesk", "owner");
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_ROLES_FILE",
                directory.resolve("none.json").toString()), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(
                        "TOLLGATE_ROLES_FILE: " + directory.resolve("none.json") + ": no such file"));
    }

    private void assertRefused(Path file, String problemStart) {
        assertThatThrownBy(() -> RolesFile.read(file))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).singleElement().asString()
                        .startsWith("TOLLGATE_ROLES_FILE: " + file + ": " + problemStart)
                        .doesNotContain("\n"));
    }

    private Path file(String content) {
        try {
            Path file = Files.createTempFile(directory, "roles", ".json");
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
