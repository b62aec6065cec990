package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.PageRequest;
import dev.tollgate.port.api.admin.AuditQuery;
import dev.tollgate.port.api.audit.AuditEntry;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.ThrottleSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What staff see of and do to one user over HTTP, and what each answer holds. */
class AdminUsersTest {

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE),
            UnaryOperator.identity(), UnaryOperator.identity());
    private final ApiClient client = server.client;
    private final String admin = server.staff(TenantId.DEFAULT, "boss", "admin");
    private final UserRef dana = server.member(TenantId.DEFAULT, "dana");
    private final String path = "/v1/admin/users/" + dana.id();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPatch_changesEveryPart_andTheDetailsShowThem_withoutASecret() {
        server.login(TenantId.DEFAULT, "dana");

        Reply patched = client.method("PATCH", path).bearer(admin).json(json("name", "Dana D", "plan", "premium",
                "level", "low", "allowances", Map.of("credits", 50), "rate_limit", 30, "entitlements", List.of("beta"),
                "notes", "called about invoices", "reason", "ticket 42")).send();

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode details = client.get(path).bearer(admin).send().json();
        assertThat(details.at("/user/name").asText()).isEqualTo("Dana D");
        assertThat(details.at("/subscription/plan").asText()).isEqualTo("premium");
        assertThat(details.at("/subscription/level").asText()).isEqualTo("low");
        assertThat(details.at("/subscription/rate_limit_override").asInt()).isEqualTo(30);
        assertThat(details.at("/subscription/extra_entitlements/0").asText()).isEqualTo("beta");
        assertThat(details.at("/notes/text").asText()).isEqualTo("called about invoices");
        assertThat(details.path("sessions").size()).isEqualTo(1);
        assertThat(details.path("api_keys").size()).isEqualTo(1);
        assertThat(details.path("failed_logins").asInt()).isZero();
        assertThat(details.at("/api_keys/0").has("key")).isFalse();
        assertThat(details.toString()).doesNotContain("password", "hash", "digest");
        assertProblem(client.method("PATCH", path).bearer(admin).json(json("level", "ultra")).breakingDocument().send(), 422,
                "VALIDATION_FAILED");
    }

    @Test
    void credits_areGrantedAndDeducted_withinTheBalanceAndTheCap() {
        String support = server.staff(TenantId.DEFAULT, "helper", "support");

        Reply granted = client.post(path + "/credits").bearer(support).json(json("meter", "credits", "amount", 500))
                .send();
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().at("/balance/top_up_left").asLong()).isEqualTo(500);
        assertThat(client.post(path + "/credits").bearer(support).json(json("meter", "credits", "amount", -200)).send()
                .json().at("/balance/top_up_left").asLong()).isEqualTo(300);
        assertProblem(client.post(path + "/credits").bearer(support).json(json("meter", "credits", "amount", -301))
                .send(), 402, "INSUFFICIENT_CREDITS");
        assertProblem(client.post(path + "/credits").bearer(support).json(json("meter", "credits", "amount", 5_000))
                .send(), 403, "PERMISSION_DENIED");
        assertProblem(client.post(path + "/credits").bearer(support).json(json("meter", "credits", "amount", 0))
                .send(), 422, "VALIDATION_FAILED");
        assertProblem(client.post(path + "/credits").bearer(support).json(json("meter", "nope", "amount", 1))
                .send(), 422, "UNKNOWN_METER");
    }

    @Test
    void actions_takeAnOptionalReason_whichTheAuditKeeps() {
        assertThat(client.post(path + "/suspend").bearer(admin).json(json("reason", "chargeback")).send().json()
                .path("status").asText()).isEqualTo("suspended");
        assertProblem(client.post(path + "/suspend").bearer(admin).send(), 409, "ACCOUNT_STATE_CONFLICT");
        assertThat(client.post(path + "/activate").bearer(admin).send().json().path("status").asText())
                .isEqualTo("active");
        assertThat(client.post(path + "/logout-everywhere").bearer(admin).send().json().path("sessions_ended").asInt())
                .isZero();
        assertThat(client.post(path + "/reset-password").bearer(admin).send().status()).isEqualTo(200);
        assertThat(server.mailer.sentTo(Email.of("dana@example.com"))).hasSizeGreaterThan(1);

        List<AuditEntry> suspended = server.core.auditSearch().search(Actor.system(), new AuditQuery(TenantId.DEFAULT,
                dana.id(), null, Set.of(AuditType.ACCOUNT_SUSPENDED), AuditOutcome.SUCCESS, null, null),
                PageRequest.first()).orElseThrow().items();
        assertThat(suspended).first().satisfies(event -> {
            assertThat(event.details()).containsEntry("reason", "chargeback");
            assertThat(event.actor()).isPresent();
        });
        assertProblem(client.post(path + "/suspend").bearer(admin).json(json("reason", "x".repeat(501))).send(), 422,
                "VALIDATION_FAILED");
        assertProblem(client.post("/v1/admin/users/not-a-uuid/suspend").bearer(admin).send(), 404, "USER_NOT_FOUND");
    }

    @Test
    void aDeletedUser_isArchived_andAnInvitationMailsTheNewStaffMember() {
        assertThat(client.delete(path).bearer(admin).json(json("reason", "asked to")).send().status()).isEqualTo(204);
        assertProblem(client.get(path).bearer(admin).send(), 404, "USER_NOT_FOUND");

        Reply invited = client.post("/v1/admin/staff").bearer(admin)
                .json(json("email", "newbie@example.com", "role", "support_new")).send();
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().path("email").asText()).isEqualTo("newbie@example.com");
        assertThat(server.mailer.sentTo(Email.of("newbie@example.com"))).isNotEmpty();
        assertProblem(client.post("/v1/admin/staff").bearer(admin)
                .json(json("email", "newbie@example.com", "user_id", dana.id().toString(), "role", "support")).send(),
                422, "VALIDATION_FAILED");
    }
}
