package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The billing routes over HTTP with the service token: plans, overrides and top-ups reaching verification. */
class BillingRoutesTest {

    private static final String SERVICE_TOKEN = "svc_0123456789abcdefghijklmnopqrstuv";

    private final ServerFixture server = new ServerFixture(UnaryOperator.identity(),
            http -> http.withServiceToken(ServiceToken.of(SERVICE_TOKEN)), useCases -> useCases);
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aUserOnNoPlan_isOnTheDefaultOne() {
        String id = register("ana").id();

        Reply reply = client.get(subscription(id)).bearer(SERVICE_TOKEN).send();

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("plan").asText()).isEqualTo("free");
        assertThat(reply.json().path("subscribed").asBoolean()).isFalse();
        assertThat(reply.json().has("updated_at")).isFalse();
        assertThat(reply.json().at("/meters/credits/allowance").asLong()).isEqualTo(10);
    }

    @Test
    void aPlanChange_andATopUp_reachVerification() {
        Member user = register("ben");
        String id = user.id();

        Reply changed = client.put(subscription(id)).bearer(SERVICE_TOKEN).json(json("plan", "premium",
                "allowance_overrides", Map.of("credits", 2), "rate_limit_override", 7,
                "extra_entitlements", List.of("beta"))).send();
        Reply toppedUp = client.post("/v1/billing/users/" + id + "/top-ups").bearer(SERVICE_TOKEN)
                .json(json("meter", "credits", "amount", 5)).send();

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("subscribed").asBoolean()).isTrue();
        assertThat(changed.json().path("level").asText()).isEqualTo("high");
        assertThat(changed.json().at("/allowance_overrides/credits").asLong()).isEqualTo(2);
        assertThat(changed.json().path("extra_entitlements")).extracting(JsonNode::asText).containsExactly("beta");
        assertThat(toppedUp.status()).as(toppedUp.body()).isEqualTo(200);
        assertThat(toppedUp.json().path("meter").asText()).isEqualTo("credits");
        assertThat(toppedUp.json().at("/balance/top_up_left").asLong()).isEqualTo(5);
        JsonNode verdict = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                .json(json("key", user.key(), "cost", 6, "entitlement", "beta")).send().json();
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("plan").asText()).isEqualTo("premium");
        assertThat(verdict.at("/meters/credits/remaining").asLong()).isEqualTo(1);
        assertThat(verdict.at("/rate_limit/limit").asInt()).isEqualTo(7);
    }

    @Test
    void aMoveToABiggerPlanMidPeriod_answersItsAllowance_lessWhatWasUsed() {
        Member user = register("carl");
        Reply spent = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                .json(json("key", user.key(), "cost", 2)).send();
        assertThat(spent.json().at("/meters/credits/allowance_left").asLong()).as(spent.body()).isEqualTo(8);

        Reply changed = client.put(subscription(user.id())).bearer(SERVICE_TOKEN).json(json("plan", "premium")).send();

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().at("/meters/credits/allowance").asLong()).isEqualTo(1000);
        assertThat(changed.json().at("/meters/credits/allowance_left").asLong()).isEqualTo(998);
        assertThat(client.get(subscription(user.id())).bearer(SERVICE_TOKEN).send().json()
                .at("/meters/credits/allowance_left").asLong()).isEqualTo(998);
        JsonNode verdict = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                .json(json("key", user.key(), "cost", 1)).send().json();
        assertThat(verdict.path("plan").asText()).as(verdict.toString()).isEqualTo("premium");
        assertThat(verdict.at("/meters/credits/allowance").asLong()).isEqualTo(1000);
        assertThat(verdict.at("/meters/credits/allowance_left").asLong()).isEqualTo(997);
    }

    @Test
    void badInput_isUnprocessable_perField() {
        String id = register("cleo").id();

        Reply unknownPlan = client.put(subscription(id)).bearer(SERVICE_TOKEN).json(json("plan", "gold")).send();
        Reply zero = client.post("/v1/billing/users/" + id + "/top-ups").bearer(SERVICE_TOKEN)
                .json(json("meter", "credits", "amount", 0)).breakingDocument().send();
        Reply noPlan = client.put(subscription(id)).bearer(SERVICE_TOKEN).json("{}").breakingDocument().send();

        assertProblem(unknownPlan, 422, "VALIDATION_FAILED");
        assertThat(unknownPlan.json().at("/errors/0/field").asText()).isEqualTo("plan");
        assertThat(unknownPlan.json().at("/errors/0/message").asText()).contains("basic", "enterprise", "free", "premium");
        assertProblem(zero, 422, "VALIDATION_FAILED");
        assertThat(zero.json().at("/errors/0/field").asText()).isEqualTo("amount");
        assertProblem(noPlan, 422, "VALIDATION_FAILED");
        assertThat(client.get(subscription(id)).bearer(SERVICE_TOKEN).send().json().path("subscribed").asBoolean())
                .isFalse();
    }

    @Test
    void aTopUpOfAMeterNoPlanNames_isUnknown_andShowsNoPhantomMeter() {
        String id = register("carl").id();

        Reply mistyped = client.post("/v1/billing/users/" + id + "/top-ups").bearer(SERVICE_TOKEN)
                .json(json("meter", "credit", "amount", 5)).send();

        assertProblem(mistyped, 422, "UNKNOWN_METER");
        assertThat(client.get(subscription(id)).bearer(SERVICE_TOKEN).send().json().path("meters").has("credit"))
                .isFalse();
    }

    @Test
    void unknownUsers_areNotFound_andASessionTokenIsNoServiceToken() {
        String session = server.login(register("dora").username(), PASSWORD);

        assertProblem(client.get(subscription(UUID.randomUUID().toString())).bearer(SERVICE_TOKEN).send(), 404,
                "USER_NOT_FOUND");
        assertProblem(client.get(subscription("not-a-uuid")).bearer(SERVICE_TOKEN).send(), 404, "USER_NOT_FOUND");
        assertProblem(client.get(subscription(UUID.randomUUID().toString())).bearer(session).send(), 401,
                "UNAUTHENTICATED");
    }

    @Test
    void withoutAServiceToken_theRoutesExist_andATokenIsNoCredential() {
        try (ServerFixture plain = new ServerFixture()) {
            Reply refused = plain.client.get(subscription(UUID.randomUUID().toString())).bearer(SERVICE_TOKEN).send();
            assertProblem(refused, 401, "UNAUTHENTICATED");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    private static String subscription(String id) {
        return "/v1/billing/users/" + id + "/subscription";
    }

    /** A registered, verified user: the id, the name and the primary key's secret. */
    private record Member(String id, String username, String key) {
    }

    private Member register(String username) {
        Reply registered = client.post("/v1/users/register").json(json("username", username,
                "email", username + "@example.com", "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String session = server.login(username, PASSWORD);
        client.post("/v1/email/verify").bearer(session).json(json("code", server.lastCode(username + "@example.com")))
                .send();
        return new Member(registered.json().at("/user/id").asText(), username,
                registered.json().at("/api_key/key").asText());
    }
}
