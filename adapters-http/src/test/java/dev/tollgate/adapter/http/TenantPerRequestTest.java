package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.staff.Actor;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each request is in the tenant its header (or host) names, else the default one. */
class TenantPerRequestTest {

    private final ServerFixture server = new ServerFixture();
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSameUsernameAndEmail_inTwoTenants_eachLogsInOnlyInItsOwn() {
        TenantId acme = server.tenant("acme");
        Reply inDefault = register(null, "sam");
        Reply inAcme = register("acme", "sam");
        assertThat(inDefault.status()).as(inDefault.body()).isEqualTo(201);
        assertThat(inAcme.status()).as(inAcme.body()).isEqualTo(201);
        assertThat(inAcme.json().at("/user/id").asText()).isNotEqualTo(inDefault.json().at("/user/id").asText());
        client.post("/v1/users/password-reset/request").header("Tollgate-Tenant", "acme")
                .json(json("email", "sam@example.com")).send();
        String acmeCode = server.lastCode("sam@example.com");
        assertThat(client.post("/v1/users/password-reset/confirm").header("Tollgate-Tenant", "acme")
                .json(json("email", "sam@example.com", "code", acmeCode, "new_password", "another-Horse-8-battery"))
                .send().status()).isEqualTo(204);

        assertThat(login(null, "sam", PASSWORD).status()).isEqualTo(200);
        assertProblem(login(null, "sam", "another-Horse-8-battery"), 401, "INVALID_CREDENTIALS");
        assertThat(login("acme", "sam", "another-Horse-8-battery").status()).isEqualTo(200);
        assertProblem(login("acme", "sam", PASSWORD), 401, "INVALID_CREDENTIALS");
        assertThat(server.core.administration().details(Actor.system(),
                new UserRef(acme, new UserId(UUID.fromString(inAcme.json().at("/user/id").asText()))))
                .isDone()).isTrue();
    }

    @Test
    void aSession_worksOnlyInItsOwnTenant() {
        server.tenant("acme");
        register("acme", "ann");
        String session = login("acme", "ann", PASSWORD).json().path("session_token").asText();

        assertThat(client.get("/v1/users/profile").bearer(session).header("Tollgate-Tenant", "acme").send().status())
                .isEqualTo(200);
        Reply elsewhere = client.get("/v1/users/profile").bearer(session).send();
        assertProblem(elsewhere, 401, "INVALID_TOKEN");
        assertThat(elsewhere.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aMalformedTenantHeader_isInvalid_namingTheHeader_andAnUnknownTenant_isNotFound() {
        Reply malformed = client.post("/v1/users/login").header("Tollgate-Tenant", "Not A Tenant!")
                .json(json("login", "x", "password", PASSWORD)).send();
        assertProblem(malformed, 422, "VALIDATION_FAILED");
        assertThat(malformed.json().at("/errors/0/field").asText()).isEqualTo("Tollgate-Tenant");

        assertProblem(register("nowhere", "nora"), 404, "TENANT_NOT_FOUND");
    }

    @Test
    void byHost_theMappedHostChoosesTheTenant_andTheHeaderIsIgnored() {
        try (ServerFixture hosted = new ServerFixture(http -> http.withTenantResolution(
                TenantResolution.byHost(Map.of("127.0.0.1", TenantId.of("acme")))))) {
            TenantId acme = hosted.tenant("acme");
            Reply registered = hosted.client.post("/v1/users/register").header("Tollgate-Tenant", "default")
                    .json(json("username", "hal", "email", "hal@example.com", "password", PASSWORD)).send();
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            UserRef hal = new UserRef(acme, new UserId(
                    UUID.fromString(registered.json().at("/user/id").asText())));
            assertThat(hosted.core.administration().details(Actor.system(), hal).isDone()).isTrue();
        }
    }

    @Test
    void aHostMap_matchesWithoutPortAndCase_andUnmappedHostsHaveNone() {
        TenantResolution hosts = TenantResolution.byHost(Map.of("API.Acme.example", TenantId.of("acme")));

        assertThat(hosts.tenantOfHost("api.acme.example:8443")).contains(TenantId.of("acme"));
        assertThat(hosts.tenantOfHost("API.ACME.EXAMPLE")).contains(TenantId.of("acme"));
        assertThat(hosts.tenantOfHost("other.example")).isEmpty();
        assertThat(hosts.tenantOfHost(null)).isEmpty();
        assertThat(TenantResolution.byHeader().header()).isEqualTo("Tollgate-Tenant");
        assertThatThrownBy(() -> TenantResolution.byHost(Map.of("acme.example:80", TenantId.of("acme"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantResolution.byHeader("no spaces")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HttpSettings.defaults().tenantResolution()).isEqualTo(TenantResolution.byHeader());
    }

    private Reply register(String tenant, String username) {
        ApiClient.Call call = client.post("/v1/users/register");
        if (tenant != null) {
            call.header("Tollgate-Tenant", tenant);
        }
        return call.json(json("username", username, "email", username + "@example.com", "password", PASSWORD)).send();
    }

    private Reply login(String tenant, String login, String password) {
        ApiClient.Call call = client.post("/v1/users/login");
        if (tenant != null) {
            call.header("Tollgate-Tenant", tenant);
        }
        return call.json(json("login", login, "password", password)).send();
    }
}
