package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.http.TenantResolution;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.settings.Role;
import dev.tollgate.port.settings.StaffSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings of issue 11: staff roles and sessions, tenant resolution, the first super admin. */
class StaffConfigurationTest {

    private static final String PASSWORD = "never-shown-Admin-password-1843";

    @Test
    void byDefault_theBuiltInRoles_eightHourStaffSessionsIdleAfterThirtyMinutes_verifiedEmail_headerTenants_noAdmin() {
        ServerConfiguration config = ServerConfiguration.read(Map.of(), Map.of());

        assertThat(config.settings().staff()).isEqualTo(StaffSettings.DEFAULTS);
        assertThat(config.tenantResolver()).isEqualTo(ServerConfiguration.TenantResolver.HEADER);
        assertThat(config.tenantHosts()).isEmpty();
        assertThat(config.firstAdmin()).isEmpty();
    }

    @Test
    void staffSessionSettings_andTheSupportCreditCap_areRead() {
        ServerConfiguration config = ServerConfiguration.read(Map.of(
                "TOLLGATE_STAFF_ACCESS_LIFETIME", "2h",
                "TOLLGATE_STAFF_IDLE_TIMEOUT", "PT10M",
                "TOLLGATE_STAFF_REQUIRE_VERIFIED_EMAIL", "false",
                "TOLLGATE_SUPPORT_CREDIT_CAP", "250"), Map.of());

        StaffSettings staff = config.settings().staff();
        assertThat(staff.sessions().accessLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(staff.sessions().refreshLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(staff.sessions().idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(staff.requireVerifiedEmail()).isFalse();
        assertThat(staff.role(StaffSettings.SUPPORT)).map(Role::creditCap).contains(250L);
        assertThat(staff.role(StaffSettings.SUPPORT_NEW)).map(Role::creditCap).contains(0L);
    }

    @Test
    void badStaffValues_areRefused_oneLineEach_namingTheSetting() {
        assertProblems(Map.of("TOLLGATE_STAFF_ACCESS_LIFETIME", "forever", "TOLLGATE_STAFF_IDLE_TIMEOUT", "0s",
                        "TOLLGATE_STAFF_REQUIRE_VERIFIED_EMAIL", "maybe", "TOLLGATE_SUPPORT_CREDIT_CAP", "-5"),
                "TOLLGATE_SUPPORT_CREDIT_CAP: must be a whole number from 0 to 9223372036854775807, was '-5'",
                "TOLLGATE_STAFF_ACCESS_LIFETIME: must be a positive duration such as 500ms, 30s, 15m, 24h, 30d or PT15M, "
                        + "was 'forever'",
                "TOLLGATE_STAFF_IDLE_TIMEOUT: must be a positive duration such as 500ms, 30s, 15m, 24h, 30d or PT15M, "
                        + "was '0s'",
                "TOLLGATE_STAFF_REQUIRE_VERIFIED_EMAIL: must be true or false, was 'maybe'");
    }

    @Test
    void theSupportCreditCap_withARolesFile_isAnError_evenAtItsDefaultValue(@TempDir Path directory)
            throws IOException {
        Path roles = Files.copy(Path.of("..", "docs", "roles.example.json"), directory.resolve("roles.json"));

        assertProblems(Map.of("TOLLGATE_ROLES_FILE", roles.toString(), "TOLLGATE_SUPPORT_CREDIT_CAP", "1000"),
                "TOLLGATE_SUPPORT_CREDIT_CAP: set, but TOLLGATE_ROLES_FILE is set too; give each role's credit_cap in "
                        + "the roles file");
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_ROLES_FILE", roles.toString()), Map.of()).settings()
                .staff().roles()).isEqualTo(StaffSettings.DEFAULT_ROLES);
    }

    @Test
    void theHostResolver_mapsHostsToTenants_ignoringTheCaseOfTheHost() {
        ServerConfiguration config = ServerConfiguration.read(Map.of("TOLLGATE_TENANT_RESOLVER", "host",
                "TOLLGATE_TENANT_HOSTS", "API.acme.example=acme, api.globex.example=globex",
                "TOLLGATE_TENANT", "acme"), Map.of());

        assertThat(config.tenantResolver()).isEqualTo(ServerConfiguration.TenantResolver.HOST);
        assertThat(config.tenantHosts()).containsExactly(Map.entry("api.acme.example", TenantId.of("acme")),
                Map.entry("api.globex.example", TenantId.of("globex")));
        assertThat(config.tenant()).isEqualTo(TenantId.of("acme"));
        assertThat(config.httpSettings().tenantResolution()).isEqualTo(TenantResolution.byHost(Map.of(
                "api.acme.example", TenantId.of("acme"), "api.globex.example", TenantId.of("globex"))));
        assertThat(config.httpSettings().tenant()).isEqualTo(TenantId.of("acme"));
        assertThat(ServerConfiguration.read(Map.of(), Map.of()).httpSettings().tenantResolution())
                .isEqualTo(TenantResolution.byHeader());
    }

    @Test
    void tenantResolution_faults_areRefused_namingTheSetting() {
        assertProblems(Map.of("TOLLGATE_TENANT_RESOLVER", "cookie"),
                "TOLLGATE_TENANT_RESOLVER: must be one of header, host, was 'cookie'");
        assertProblems(Map.of("TOLLGATE_TENANT_RESOLVER", "host"),
                "TOLLGATE_TENANT_HOSTS: required when TOLLGATE_TENANT_RESOLVER is host");
        assertProblems(Map.of("TOLLGATE_TENANT_HOSTS", "api.acme.example=acme"),
                "TOLLGATE_TENANT_HOSTS: set, but TOLLGATE_TENANT_RESOLVER is not host");
        assertProblems(Map.of("TOLLGATE_TENANT_RESOLVER", "host", "TOLLGATE_TENANT_HOSTS",
                        "api.acme.example, a.example=x, a.example=y, b.example:8443=z"),
                "TOLLGATE_TENANT_HOSTS: 'api.acme.example' is not host=tenant (e.g. api.acme.example=acme)",
                "TOLLGATE_TENANT_HOSTS: host 'a.example' is mapped twice",
                "TOLLGATE_TENANT_HOSTS: 'b.example:8443' is not a host name (without port; a request's port is ignored)");
        assertThatThrownBy(() -> ServerConfiguration.read(Map.of("TOLLGATE_TENANT_RESOLVER", "host",
                "TOLLGATE_TENANT_HOSTS", "b.example=Not A Tenant"), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).singleElement().asString()
                        .startsWith("TOLLGATE_TENANT_HOSTS: 'b.example=Not A Tenant': "));
    }

    @Test
    void theFirstAdmin_needsBothEmailAndPassword_andTheUsernameDefaultsToAdmin() {
        ServerConfiguration config = ServerConfiguration.read(Map.of("TOLLGATE_ADMIN_EMAIL", "root@example.com",
                "TOLLGATE_ADMIN_PASSWORD", PASSWORD), Map.of());

        assertThat(config.firstAdmin()).contains(new ServerConfiguration.FirstAdmin("root@example.com", "admin", PASSWORD));
        assertThat(ServerConfiguration.read(Map.of("TOLLGATE_ADMIN_EMAIL", "root@example.com", "TOLLGATE_ADMIN_PASSWORD",
                PASSWORD, "TOLLGATE_ADMIN_USERNAME", "root"), Map.of()).firstAdmin().orElseThrow().username())
                .isEqualTo("root");
        assertProblems(Map.of("TOLLGATE_ADMIN_EMAIL", "root@example.com"),
                "TOLLGATE_ADMIN_PASSWORD: required when TOLLGATE_ADMIN_EMAIL is set");
        assertProblems(Map.of("TOLLGATE_ADMIN_PASSWORD", PASSWORD),
                "TOLLGATE_ADMIN_EMAIL: required when TOLLGATE_ADMIN_PASSWORD is set");
        assertProblems(Map.of("TOLLGATE_ADMIN_EMAIL", "not an address", "TOLLGATE_ADMIN_PASSWORD", PASSWORD,
                        "TOLLGATE_ADMIN_USERNAME", "x"),
                "TOLLGATE_ADMIN_EMAIL: not a valid email address: 'not an address'",
                "TOLLGATE_ADMIN_USERNAME: 3 to 32 letters, digits, '.', '_' or '-', was 'x'");
    }

    @Test
    void theAdminPassword_isASecret_neverShown_byConfigCheck_theDescriptionOrToString() {
        Map<String, String> environment = Map.of("TOLLGATE_ADMIN_EMAIL", "root@example.com",
                "TOLLGATE_ADMIN_PASSWORD", PASSWORD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = TollgateServer.run(new String[] {"config", "check"}, environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("TOLLGATE_ADMIN_EMAIL=root@example.com", "TOLLGATE_ADMIN_USERNAME=admin",
                "TOLLGATE_TENANT_RESOLVER=header", "TOLLGATE_STAFF_ACCESS_LIFETIME=8h", "TOLLGATE_SUPPORT_CREDIT_CAP=1000",
                "secrets set (never shown): TOLLGATE_ADMIN_PASSWORD").doesNotContain(PASSWORD);
        assertThat(ServerConfiguration.describe(environment, Map.of())).containsEntry("TOLLGATE_ADMIN_PASSWORD", "****");
        assertThat(ServerConfiguration.read(environment, Map.of()).toString()).contains("root@example.com")
                .doesNotContain(PASSWORD);
    }

    private static void assertProblems(Map<String, String> environment, String... problems) {
        assertThatThrownBy(() -> ServerConfiguration.read(environment, Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactly(problems))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
}
