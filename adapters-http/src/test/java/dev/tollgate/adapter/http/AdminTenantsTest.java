package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.admin.UserDetails;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.ThrottleSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Staff act inside their tenant only, super admins in all; a disabled tenant stops logins and key checks. */
class AdminTenantsTest {

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE),
            UnaryOperator.identity(), UnaryOperator.identity());
    private final ApiClient client = server.client;
    private final TenantId acme = server.tenant("acme");
    private final TenantId beta = server.tenant("beta");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anAdminOfOneTenant_cannotListReadOrChange_anotherTenantsUser_evenById() {
        String acmeAdmin = server.staff(acme, "acme-admin", "admin");
        UserRef bob = server.member(beta, "bob");
        String path = "/v1/admin/users/" + bob.id();

        // with beta's header, acme's session is unknown there (and in the default tenant): refused before any lookup
        assertProblem(client.get(path).bearer(acmeAdmin).header("Tollgate-Tenant", "beta").send(), 401,
                "INVALID_TOKEN");
        assertProblem(client.post(path + "/suspend").bearer(acmeAdmin).header("Tollgate-Tenant", "beta").send(), 401,
                "INVALID_TOKEN");
        assertProblem(client.method("PATCH", path).bearer(acmeAdmin).header("Tollgate-Tenant", "beta")
                .json(json("name", "Hijacked")).send(), 401, "INVALID_TOKEN");
        String defaultAdmin = server.staff(TenantId.DEFAULT, "default-admin", "admin");
        assertProblem(client.get(path).bearer(defaultAdmin).header("Tollgate-Tenant", "beta").send(), 403,
                "PERMISSION_DENIED");
        assertProblem(client.post(path + "/suspend").bearer(defaultAdmin).header("Tollgate-Tenant", "beta").send(),
                403, "PERMISSION_DENIED");
        assertProblem(client.get("/v1/admin/users").bearer(defaultAdmin).header("Tollgate-Tenant", "beta").send(), 403,
                "PERMISSION_DENIED");
        // with its own tenant's header, the id is looked up there, where no such user exists: nothing is said of beta
        assertProblem(client.get(path).bearer(acmeAdmin).header("Tollgate-Tenant", "acme").send(), 404,
                "USER_NOT_FOUND");
        assertProblem(client.post(path + "/suspend").bearer(acmeAdmin).header("Tollgate-Tenant", "acme").send(), 404,
                "USER_NOT_FOUND");
        Reply own = client.get("/v1/admin/users").bearer(acmeAdmin).header("Tollgate-Tenant", "acme").send();
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("items").toString()).doesNotContain(bob.id().toString());

        UserDetails details = server.core.administration().details(Actor.system(), bob).orElseThrow();
        assertThat(details.user().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(details.user().profile().name()).isNull();
    }

    @Test
    void aSuperAdmin_choosesTheTenantWithTheHeader() {
        String root = server.staff(TenantId.DEFAULT, "root", "super_admin");
        UserRef bob = server.member(beta, "bob");

        Reply listed = client.get("/v1/admin/users").bearer(root).header("Tollgate-Tenant", "beta").send();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().at("/items/0/user/id").asText()).isEqualTo(bob.id().toString());
        Reply suspended = client.post("/v1/admin/users/" + bob.id() + "/suspend").bearer(root)
                .header("Tollgate-Tenant", "beta").json(json("reason", "fraud")).send();
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
        assertThat(suspended.json().path("status").asText()).isEqualTo("suspended");
        assertProblem(client.get("/v1/admin/users/" + bob.id()).bearer(root).send(), 404, "USER_NOT_FOUND");
    }

    @Test
    void aDisabledTenant_refusesLogins_andItsKeysVerifyAsDisabled() {
        String root = server.staff(TenantId.DEFAULT, "root", "super_admin");
        String key = server.core.registration().register(new Registration(acme, "carol", "carol@example.com", PASSWORD,
                null, null, RequestContext.NONE)).orElseThrow().apiKey().secret();
        String service = server.serviceAccount(acme, Permission.KEYS_VERIFY);

        Reply disabled = client.post("/v1/admin/tenants/acme/disable").bearer(root).json(json("reason", "unpaid")).send();
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("status").asText()).isEqualTo("disabled");

        assertProblem(client.post("/v1/users/login").header("Tollgate-Tenant", "acme")
                .json(json("login", "carol", "password", PASSWORD)).send(), 403, "TENANT_DISABLED");
        Reply verified = client.post("/v1/keys/verify").bearer(service).json(json("key", key)).send();
        assertThat(verified.body()).contains("TENANT_DISABLED");

        Reply enabled = client.post("/v1/admin/tenants/acme/enable").bearer(root).send();
        assertThat(enabled.json().path("status").asText()).isEqualTo("active");
        assertThat(client.post("/v1/users/login").header("Tollgate-Tenant", "acme")
                .json(json("login", "carol", "password", PASSWORD)).send().status()).isEqualTo(200);
    }

    @Test
    void tenants_areCreatedListedAndRenamed_bySuperAdmins() {
        String root = server.staff(TenantId.DEFAULT, "root", "super_admin");

        Reply created = client.post("/v1/admin/tenants").bearer(root).json(json("id", "gamma", "name", "Gamma")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertProblem(client.post("/v1/admin/tenants").bearer(root).json(json("id", "gamma", "name", "Again")).send(),
                409, "TENANT_TAKEN");
        assertProblem(client.post("/v1/admin/tenants").bearer(root).json(json("id", "Not Valid", "name", "X")).send(),
                422, "VALIDATION_FAILED");
        assertThat(client.method("PATCH", "/v1/admin/tenants/gamma").bearer(root).json(json("name", "Gamma Inc"))
                .send().json().path("name").asText()).isEqualTo("Gamma Inc");
        assertProblem(client.get("/v1/admin/tenants/nowhere").bearer(root).send(), 404, "TENANT_NOT_FOUND");

        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Reply page = client.get("/v1/admin/tenants?limit=2" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                    .bearer(root).send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("items").forEach(tenant -> ids.add(tenant.path("id").asText()));
            JsonNode next = page.json().path("next_cursor");
            cursor = next.isMissingNode() ? null : next.asText();
        } while (cursor != null);
        assertThat(ids).containsExactlyInAnyOrder("default", "acme", "beta", "gamma");
    }
}
