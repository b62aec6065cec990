package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Permission;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.ThrottleSettings;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first super admin by setup token, staff roles and service accounts over HTTP. */
class AdminStaffAndSetupTest {

    private static final String SERVICE_TOKEN = "svc_0123456789abcdefghijklmnopqrstuv";

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE),
            http -> http.withServiceToken(ServiceToken.of(SERVICE_TOKEN)), UnaryOperator.identity());
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void setup_withTheRightToken_createsASuperAdmin_once() {
        String token = server.core.firstRun().issueToken().orElseThrow().token();

        assertProblem(client.post("/v1/admin/setup").json(setup("not-the-token", "root")).send(), 401, "INVALID_TOKEN");
        Reply created = client.post("/v1/admin/setup").json(setup(token, "root")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("role").asText()).isEqualTo("super_admin");
        assertThat(created.body()).doesNotContain(PASSWORD, token);

        String session = server.login(TenantId.DEFAULT, "root");
        Reply users = client.get("/v1/admin/users").bearer(session).send();
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        assertProblem(client.post("/v1/admin/setup").json(setup(token, "root2")).send(), 401, "INVALID_TOKEN");
        assertThat(server.core.firstRun().issueToken()).as("no token once a super admin exists").isEmpty();
    }

    @Test
    void setup_afterASuperAdminAppearedOtherwise_isUnavailable() {
        String token = server.core.firstRun().issueToken().orElseThrow().token();
        server.staff(TenantId.DEFAULT, "root", "super_admin");

        assertProblem(client.post("/v1/admin/setup").json(setup(token, "late")).send(), 409, "SETUP_UNAVAILABLE");
    }

    @Test
    void anAdmin_grantsAndChangesAndRevokesRoles_withinTheTiers() {
        String admin = server.staff(TenantId.DEFAULT, "boss", "admin");
        UserRef pat = server.member(TenantId.DEFAULT, "pat");

        Reply granted = client.post("/v1/admin/staff").bearer(admin)
                .json(json("user_id", pat.id().toString(), "role", "support", "reason", "new hire")).send();
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().path("role").asText()).isEqualTo("support");
        assertProblem(client.post("/v1/admin/staff").bearer(admin)
                .json(json("user_id", pat.id().toString(), "role", "support")).send(), 409, "ALREADY_STAFF");
        assertProblem(client.method("PATCH", "/v1/admin/staff/" + pat.id()).bearer(admin).json(json("role", "admin"))
                .send(), 403, "PERMISSION_DENIED");
        assertThat(client.method("PATCH", "/v1/admin/staff/" + pat.id()).bearer(admin)
                .json(json("role", "support_advanced")).send().json().path("role").asText())
                .isEqualTo("support_advanced");
        assertProblem(client.post("/v1/admin/staff").bearer(admin).json(json("role", "support")).send(), 422,
                "VALIDATION_FAILED");

        Reply listed = client.get("/v1/admin/staff").bearer(admin).send();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(pat.id().toString());
        assertThat(client.delete("/v1/admin/staff/" + pat.id()).bearer(admin).send().status()).isEqualTo(204);
        assertProblem(client.delete("/v1/admin/staff/" + pat.id()).bearer(admin).send(), 404, "STAFF_NOT_FOUND");
    }

    @Test
    void aServiceAccount_isCreatedWithItsKeyOnce_byAnAdmin_verifiesKeys_andStopsWhenRevoked() {
        String admin = server.staff(TenantId.DEFAULT, "boss", "admin");
        String root = server.staff(TenantId.DEFAULT, "root", "super_admin");
        String userKey = server.core.registration().register(new Registration(
                TenantId.DEFAULT, "payer", "payer@example.com", PASSWORD, null, null,
                RequestContext.NONE)).orElseThrow().apiKey().secret();

        // an admin makes its tenant's verifying account; managing tenants is beyond it (below), not beyond root
        assertThat(client.post("/v1/admin/service-accounts").bearer(root)
                .json(json("name", "tenancy", "permissions", List.of("tenants.manage"))).send().status()).isEqualTo(201);
        Reply created = client.post("/v1/admin/service-accounts").bearer(admin)
                .json(json("name", "checkout", "permissions", List.of("keys.verify"))).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().path("key").asText();
        String id = created.json().at("/service_account/id").asText();
        Reply listed = client.get("/v1/admin/service-accounts").bearer(admin).send();
        assertThat(listed.body()).contains(id).doesNotContain(key);
        assertProblem(client.post("/v1/admin/service-accounts").bearer(admin)
                .json(json("name", "greedy", "permissions", List.of("tenants.manage"))).send(), 403, "PERMISSION_DENIED");
        assertProblem(client.post("/v1/admin/service-accounts").bearer(admin)
                .json(json("name", "typo", "permissions", List.of("keys.verfy"))).breakingDocument().send(), 422,
                "VALIDATION_FAILED");

        Reply verified = client.post("/v1/keys/verify").bearer(key).json(json("key", userKey)).send();
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertProblem(client.get("/v1/billing/users/" + created.json().at("/service_account/id").asText()
                + "/subscription").bearer(key).send(), 403, "PERMISSION_DENIED");
        assertThat(server.core.auditSearch().search(Actor.system(), new AuditQuery(TenantId.DEFAULT, null, null,
                Set.of(AuditType.PERMISSION_DENIED), null, null, null), PageRequest.first()).orElseThrow().items())
                .as("the core refused the service account, and the audit shows it")
                .anySatisfy(entry -> assertThat(entry.details()).containsEntry("permission", "billing.write")
                        .containsEntry("service_account", id));
        assertThat(client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json(json("key", userKey)).send().status())
                .as("the bootstrap service account still works").isEqualTo(200);

        assertThat(client.delete("/v1/admin/service-accounts/" + id).bearer(admin).json(json("reason", "leaked"))
                .send().status()).isEqualTo(204);
        assertProblem(client.post("/v1/keys/verify").bearer(key).json(json("key", userKey)).send(), 401,
                "UNAUTHENTICATED");
    }

    @Test
    void theBootstrapServiceAccount_andServiceAccounts_reachOnlyTheirTenant() {
        server.tenant("acme");
        String acmeService = server.serviceAccount(TenantId.of("acme"), Permission.KEYS_VERIFY);

        assertProblem(client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).header("Tollgate-Tenant", "acme")
                .json(json("key", "tg_whatever")).send(), 403, "PERMISSION_DENIED");
        assertProblem(client.post("/v1/keys/verify").bearer(acmeService).header("Tollgate-Tenant", "default")
                .json(json("key", "tg_whatever")).send(), 403, "PERMISSION_DENIED");
        Reply own = client.post("/v1/keys/verify").bearer(acmeService).json(json("key", "tg_whatever")).send();
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("reason").asText()).isEqualTo("KEY_NOT_FOUND");
        assertProblem(client.get("/v1/admin/users").bearer(SERVICE_TOKEN).send(), 403, "PERMISSION_DENIED");
    }

    private static String setup(String token, String username) {
        return json("token", token, "username", username, "email", username + "@example.com", "password", PASSWORD);
    }
}
