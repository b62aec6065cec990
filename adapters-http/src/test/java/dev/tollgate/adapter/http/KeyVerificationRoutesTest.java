package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings.Limit;
import dev.tollgate.port.settings.ThrottleSettings.Rule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/keys/verify} over HTTP, through the real core: the service token, every
 * verdict the core can be driven to, the rate-limit headers, and the route being absent
 * without a token. The fixture's free plan is the default one: 10 credits a day, all five
 * entitlements, 60 requests a minute.
 */
class KeyVerificationRoutesTest {

    private static final String SERVICE_TOKEN = "svc_0123456789abcdefghijklmnopqrstuv";
    private static final String VERIFY = "/v1/keys/verify";

    private final ServerFixture server = withServiceToken(UnaryOperator.identity());
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    private static ServerFixture withServiceToken(UnaryOperator<dev.tollgate.port.settings.TollgateSettings> core) {
        return new ServerFixture(core, http -> http.withServiceToken(ServiceToken.of(SERVICE_TOKEN)), u -> u);
    }

    /** A registered user: the id, the primary key's secret and a session token. */
    private record Owner(String id, String key, String session) {
    }

    private static Owner register(ServerFixture on, String username, boolean verifyEmail) {
        Reply registered = on.client.post("/v1/users/register").json(json("username", username,
                "email", username + "@example.com", "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String session = on.login(username, PASSWORD);
        if (verifyEmail) {
            Reply verified = on.client.post("/v1/email/verify").bearer(session)
                    .json(json("code", on.lastCode(username + "@example.com"))).send();
            assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        }
        return new Owner(registered.json().at("/user/id").asText(), registered.json().at("/api_key/key").asText(),
                session);
    }

    private static Reply verify(ServerFixture on, Object... body) {
        return on.client.post(VERIFY).bearer(SERVICE_TOKEN).json(json(body)).send();
    }

    private static JsonNode verdict(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        return reply.json();
    }

    private static void assertRefused(Reply reply, String reason) {
        JsonNode body = verdict(reply);
        assertThat(body.path("valid").asBoolean()).as(reply.body()).isFalse();
        assertThat(body.path("reason").asText()).isEqualTo(reason);
    }

    private static void assertNoRateLimitHeaders(Reply reply) {
        assertThat(reply.header("RateLimit-Limit")).isNull();
        assertThat(reply.header("RateLimit-Remaining")).isNull();
        assertThat(reply.header("RateLimit-Reset")).isNull();
        assertThat(reply.header("Retry-After")).isNull();
    }

    private long secondsUntil(ServerFixture on, JsonNode instant) {
        Duration left = Duration.between(on.clock.instant(), Instant.parse(instant.asText()));
        return left.getNano() > 0 ? left.getSeconds() + 1 : left.getSeconds();
    }

    @Test
    void aGoodKey_isValid_takesOneCredit_andAnswersTheBalancesAndTheRateLimit() {
        Owner ana = register(server, "ana", true);

        Reply reply = verify(server, "key", ana.key());
        JsonNode body = verdict(reply);
        assertThat(body.path("valid").asBoolean()).as(reply.body()).isTrue();
        assertThat(body.has("reason")).isFalse();
        assertThat(body.path("user_id").asText()).isEqualTo(ana.id());
        assertThat(body.path("key_id").asText())
                .isEqualTo(client.get("/v1/users/api-key").bearer(ana.session()).send().json().path("id").asText());
        assertThat(body.path("plan").asText()).isEqualTo("free");
        assertThat(body.path("level").asText()).isEqualTo("medium");
        assertThat(body.path("entitlements")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("bpe", "tot", "bcot", "hcot", "react");
        JsonNode credits = body.at("/meters/credits");
        assertThat(credits.path("allowance").asLong()).isEqualTo(10);
        assertThat(credits.path("allowance_left").asLong()).isEqualTo(9);
        assertThat(credits.path("top_up_left").asLong()).isZero();
        assertThat(credits.path("remaining").asLong()).isEqualTo(9);
        assertThat(credits.path("resets_at").asText()).isEqualTo("2026-01-06T00:00:00Z");
        assertThat(body.at("/meters/conversation_limit/remaining").asLong()).as("untouched").isEqualTo(20);
        assertThat(body.at("/rate_limit/limit").asInt()).isEqualTo(60);
        assertThat(body.at("/rate_limit/remaining").asInt()).isEqualTo(59);
        assertThat(reply.header("RateLimit-Limit")).isEqualTo("60");
        assertThat(reply.header("RateLimit-Remaining")).isEqualTo("59");
        assertThat(Long.parseLong(reply.header("RateLimit-Reset")))
                .isEqualTo(secondsUntil(server, body.at("/rate_limit/resets_at"))).isBetween(0L, 60L);
        assertThat(reply.header("Retry-After")).isNull();

        JsonNode second = verdict(verify(server, "key", ana.key(), "meter", "conversation_limit", "cost", 5,
                "entitlement", "bpe"));
        assertThat(second.path("valid").asBoolean()).isTrue();
        assertThat(second.at("/meters/conversation_limit/remaining").asLong()).isEqualTo(15);
        assertThat(second.at("/meters/credits/remaining").asLong()).isEqualTo(9);
        assertThat(second.at("/rate_limit/remaining").asInt()).isEqualTo(58);
    }

    @Test
    void malformedAndUnknownKeys_areNotFound_withNothingElseKnown() {
        Owner ben = register(server, "ben", true);
        String regenerated = client.post("/v1/users/api-key/regenerate").bearer(ben.session())
                .json(json("password", PASSWORD)).send().json().path("key").asText();

        for (String key : List.of("not-a-key", "", ben.key().substring(0, ben.key().length() - 1) + "x", ben.key())) {
            Reply reply = verify(server, "key", key);
            assertRefused(reply, "KEY_NOT_FOUND");
            JsonNode body = reply.json();
            assertThat(body.has("user_id") || body.has("key_id") || body.has("plan") || body.has("rate_limit"))
                    .as(reply.body()).isFalse();
            assertThat(body.path("entitlements").isEmpty()).isTrue();
            assertThat(body.path("meters").isEmpty()).isTrue();
            assertNoRateLimitHeaders(reply);
        }
        assertThat(verdict(verify(server, "key", regenerated)).path("valid").asBoolean()).isTrue();
    }

    @Test
    void aRevokedKey_andAnExpiredKey_areRefused_naming_theKey() {
        Owner cai = register(server, "cai", true);
        JsonNode spare = client.post("/v1/users/api-keys").bearer(cai.session()).json(json("name", "spare")).send().json();
        assertThat(verdict(verify(server, "key", spare.path("key").asText())).path("valid").asBoolean()).isTrue();
        assertThat(client.delete("/v1/users/api-keys/" + spare.path("id").asText()).bearer(cai.session()).send()
                .status()).isEqualTo(204);

        Reply revoked = verify(server, "key", spare.path("key").asText());
        assertRefused(revoked, "KEY_REVOKED");
        assertThat(revoked.json().path("key_id").asText()).isEqualTo(spare.path("id").asText());
        assertThat(revoked.json().path("user_id").asText()).isEqualTo(cai.id());
        assertThat(revoked.json().has("plan")).isFalse();
        assertNoRateLimitHeaders(revoked);

        String shortLived = client.post("/v1/users/api-keys").bearer(cai.session())
                .json(json("expires_at", "2026-01-05T10:00:00Z")).send().json().path("key").asText();
        assertThat(verdict(verify(server, "key", shortLived)).path("valid").asBoolean()).isTrue();
        server.clock.advance(Duration.ofHours(1));
        assertRefused(verify(server, "key", shortLived), "KEY_EXPIRED");
    }

    @Test
    void anOwnerWhoseEmailIsUnverified_orWhoIsSuspended_isRefused() {
        Owner dee = register(server, "dee", false);
        Reply unverified = verify(server, "key", dee.key());
        assertRefused(unverified, "EMAIL_UNVERIFIED");
        assertThat(unverified.json().path("user_id").asText()).isEqualTo(dee.id());
        assertNoRateLimitHeaders(unverified);

        Owner eli = register(server, "eli", true);
        var user = server.core.accounts().findByLogin(TenantId.DEFAULT, "eli").orElseThrow();
        server.core.accounts().suspend(dev.tollgate.port.UserRef.of(TenantId.DEFAULT, user.id()), "test",
                RequestContext.NONE).orElseThrow();
        assertRefused(verify(server, "key", eli.key()), "USER_INACTIVE");
    }

    @Test
    void anEntitlementThePlanLacks_isRefused_takingNothing() {
        Plan bpeOnly = new Plan("bpe_only", Map.of("credits", new Plan.Allowance(10, Plan.Period.DAILY)),
                Set.of("bpe"), ServiceLevel.MEDIUM, new Plan.RateLimit(60, Duration.ofMinutes(1)));
        try (ServerFixture narrow = withServiceToken(core -> core.withPlans(
                new PlanSettings(PlanSettings.byName(List.of(bpeOnly)), "bpe_only", ZoneId.of("UTC"))))) {
            Owner fox = register(narrow, "fox", true);

            Reply missing = verify(narrow, "key", fox.key(), "entitlement", "react");
            assertRefused(missing, "ENTITLEMENT_MISSING");
            assertThat(missing.json().path("plan").asText()).isEqualTo("bpe_only");
            assertThat(missing.json().at("/meters/credits/remaining").asLong()).isEqualTo(10);
            assertThat(missing.json().has("rate_limit")).isFalse();
            assertNoRateLimitHeaders(missing);

            assertThat(verdict(verify(narrow, "key", fox.key(), "entitlement", "bpe")).at("/meters/credits/remaining")
                    .asLong()).isEqualTo(9);
        }
    }

    @Test
    void everyAccessTypeOfThePredecessor_isGrantedOnTheDefaultPlan() {
        Owner ivy = register(server, "ivy", true);

        for (String access : List.of("bpe", "tot", "bcot", "hcot", "react")) {
            JsonNode body = verdict(verify(server, "key", ivy.key(), "entitlement", access));
            assertThat(body.path("valid").asBoolean()).as(access + ": " + body).isTrue();
            assertThat(body.path("plan").asText()).isEqualTo("free");
            assertThat(body.path("level").asText()).isEqualTo("medium");
        }
        JsonNode last = verdict(verify(server, "key", ivy.key(), "cost", 1));
        assertThat(last.at("/meters/credits/allowance").asLong()).isEqualTo(10);
        assertThat(last.at("/meters/conversation_limit/allowance").asLong()).isEqualTo(20);
    }

    @Test
    void aCostAboveTheBalance_isInsufficientCredits_takingNothing_butCountingTheRequest() {
        Owner gil = register(server, "gil", true);

        Reply tooMuch = verify(server, "key", gil.key(), "cost", 11);
        assertRefused(tooMuch, "INSUFFICIENT_CREDITS");
        assertThat(tooMuch.json().at("/meters/credits/remaining").asLong()).isEqualTo(10);
        assertThat(tooMuch.header("RateLimit-Remaining")).isEqualTo("59");
        assertThat(tooMuch.header("Retry-After")).isNull();

        JsonNode all = verdict(verify(server, "key", gil.key(), "cost", 10));
        assertThat(all.path("valid").asBoolean()).isTrue();
        assertThat(all.at("/meters/credits/remaining").asLong()).isZero();
        assertRefused(verify(server, "key", gil.key()), "INSUFFICIENT_CREDITS");
    }

    @Test
    void aKeyOverItsRateLimit_isRateLimited_withRetryAfterAndRateLimitHeaders_untilTheWindowEnds() {
        Plan tight = new Plan("free", Map.of("credits", new Plan.Allowance(10, Plan.Period.DAILY)), Set.of("bpe"),
                ServiceLevel.MEDIUM, new Plan.RateLimit(3, Duration.ofMinutes(1)));
        try (ServerFixture limited = withServiceToken(core -> core.withPlans(
                new PlanSettings(PlanSettings.byName(List.of(tight)), "free", ZoneId.of("UTC"))))) {
            Owner hua = register(limited, "hua", true);
            for (int i = 0; i < 3; i++) {
                Reply allowed = verify(limited, "key", hua.key());
                assertThat(verdict(allowed).path("valid").asBoolean()).isTrue();
                assertThat(allowed.header("RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
            }

            Reply refused = verify(limited, "key", hua.key());
            assertRefused(refused, "RATE_LIMITED");
            JsonNode body = refused.json();
            assertThat(body.at("/meters/credits/remaining").asLong()).as("nothing taken").isEqualTo(7);
            assertThat(body.at("/rate_limit/remaining").asInt()).isZero();
            long reset = secondsUntil(limited, body.at("/rate_limit/resets_at"));
            assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("RateLimit-Reset")).isEqualTo(Long.toString(reset));
            assertThat(refused.header("Retry-After")).isEqualTo(Long.toString(Math.max(1, reset)));
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);

            limited.clock.advance(Duration.ofSeconds(Math.max(1, reset)));
            Reply again = verify(limited, "key", hua.key());
            assertThat(verdict(again).path("valid").asBoolean()).as(again.body()).isTrue();
            assertThat(again.header("RateLimit-Remaining")).isEqualTo("2");
        }
    }

    @Test
    void failedVerifications_beyondTheLimit_blockTheClientAddress_withRetryAfter_butNotOthers() {
        ServerFixture strict = withServiceToken(core -> core.withThrottles(ThrottleSettings.NONE.with(
                Action.KEY_VERIFICATION, new Rule(Limit.of(2, Duration.ofMinutes(1)), null))));
        try {
            Owner eve = register(strict, "eve", true);
            assertRefused(verify(strict, "key", "tg_guess-1", "client_ip", "198.51.100.7"), "KEY_NOT_FOUND");
            assertRefused(verify(strict, "key", "tg_guess-2", "client_ip", "198.51.100.7"), "KEY_NOT_FOUND");

            Reply blocked = verify(strict, "key", eve.key(), "client_ip", "198.51.100.7");

            assertRefused(blocked, "RATE_LIMITED");
            assertThat(blocked.json().has("user_id")).as("nothing is looked up").isFalse();
            assertThat(blocked.header("RateLimit-Limit")).isEqualTo("2");
            assertThat(blocked.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(blocked.header("Retry-After")).isEqualTo("60");
            assertThat(verdict(verify(strict, "key", eve.key(), "client_ip", "2001:db8::1")).path("valid").asBoolean())
                    .isTrue();
            assertThat(verdict(verify(strict, "key", eve.key())).path("valid").asBoolean())
                    .as("without client_ip the service's own address counts").isTrue();
        } finally {
            strict.close();
        }
    }

    @Test
    void aClientIpThatIsNoAddress_isUnprocessable() {
        Owner fay = register(server, "fay", true);

        Reply reply = server.client.post(VERIFY).bearer(SERVICE_TOKEN)
                .json(json("key", fay.key(), "client_ip", "evil.example.com")).breakingDocument().send();

        assertProblem(reply, 422, "VALIDATION_FAILED");
        assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("client_ip");
    }

    @Test
    void aCheckTheCoreCannotJudge_isUnprocessable_naming_theField() {
        Owner ida = register(server, "ida", true);

        Reply negative = server.client.post(VERIFY).bearer(SERVICE_TOKEN).json(json("key", ida.key(), "cost", -1))
                .breakingDocument().send();
        assertProblem(negative, 422, "VALIDATION_FAILED");
        assertThat(negative.json().path("errors").findValuesAsText("field")).containsExactly("cost");

        Reply huge = server.client.post(VERIFY).bearer(SERVICE_TOKEN).json(json("key", ida.key(), "cost", 1_000_001))
                .breakingDocument().send();
        assertProblem(huge, 422, "VALIDATION_FAILED");
        assertThat(huge.json().path("errors").findValuesAsText("field")).containsExactly("cost");

        Reply meter = server.client.post(VERIFY).bearer(SERVICE_TOKEN).json(json("key", ida.key(), "meter", "Credits!"))
                .breakingDocument().send();
        assertProblem(meter, 422, "VALIDATION_FAILED");
        assertThat(meter.json().path("errors").findValuesAsText("field")).containsExactly("meter");

        Reply noKey = server.client.post(VERIFY).bearer(SERVICE_TOKEN).json("{}").breakingDocument().send();
        assertProblem(noKey, 422, "VALIDATION_FAILED");
        assertThat(noKey.json().path("errors").findValuesAsText("field")).containsExactly("key");

        Reply text = server.client.post(VERIFY).bearer(SERVICE_TOKEN).json(json("key", ida.key(), "cost", "1"))
                .breakingDocument().send();
        assertProblem(text, 422, "VALIDATION_FAILED");
        assertThat(text.json().path("errors").findValuesAsText("field")).containsExactly("cost");
        assertProblem(server.client.post(VERIFY).bearer(SERVICE_TOKEN).json(json("key", ida.key(), "extra", true))
                .breakingDocument().send(), 400, "MALFORMED_REQUEST");

        assertThat(verdict(verify(server, "key", ida.key())).at("/meters/credits/remaining").asLong())
                .as("no refused check took anything").isEqualTo(9);
    }

    @Test
    void aMeterNoPlanNames_isUnprocessableAsUnknown_andTakesNothing() {
        Owner ivo = register(server, "ivo", true);

        Reply mistyped = server.client.post(VERIFY).bearer(SERVICE_TOKEN)
                .json(json("key", ivo.key(), "meter", "nope", "cost", 4)).send();

        assertProblem(mistyped, 422, "UNKNOWN_METER");
        assertThat(mistyped.json().path("detail").asText()).contains("nope");
        JsonNode after = verdict(verify(server, "key", ivo.key(), "cost", 0));
        assertThat(after.path("meters").has("nope")).as("no phantom meter").isFalse();
        assertThat(after.at("/meters/credits/remaining").asLong()).isEqualTo(10);
    }

    @Test
    void aCostOfZero_checksTheKey_andAnswersItsMeters_takingNothing() {
        Owner ute = register(server, "ute", true);
        verdict(verify(server, "key", ute.key(), "cost", 3));

        JsonNode check = verdict(verify(server, "key", ute.key(), "cost", 0));
        JsonNode again = verdict(verify(server, "key", ute.key(), "cost", 0));

        assertThat(check.path("valid").asBoolean()).isTrue();
        assertThat(check.at("/meters/credits/remaining").asLong()).isEqualTo(7);
        assertThat(again.at("/meters/credits/remaining").asLong()).isEqualTo(7);
        assertRefused(verify(server, "key", "tg_not-a-real-key", "cost", 0), "KEY_NOT_FOUND");
    }

    @Test
    void aMissingOrWrongServiceToken_isUnauthenticated_andTheBodyIsNotRead() {
        Owner jo = register(server, "joy", true);
        String body = json("key", jo.key());

        Reply missing = client.post(VERIFY).json(body).breakingDocument().send();
        assertProblem(missing, 401, "UNAUTHENTICATED");
        assertThat(missing.header("WWW-Authenticate")).startsWith("Bearer");

        for (String wrong : List.of(SERVICE_TOKEN + "x", SERVICE_TOKEN.substring(1), jo.session(),
                UUID.randomUUID().toString())) {
            Reply refused = client.post(VERIFY).bearer(wrong).json(body).send();
            assertProblem(refused, 401, "UNAUTHENTICATED");
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            assertNoRateLimitHeaders(refused);
        }
        assertProblem(client.post(VERIFY).bearer(SERVICE_TOKEN + "x").json("{not json").breakingDocument().send(),
                401, "UNAUTHENTICATED");

        assertThat(verdict(verify(server, "key", jo.key())).at("/meters/credits/remaining").asLong())
                .as("no unauthenticated call took anything").isEqualTo(9);
    }

    @Test
    void withoutAConfiguredServiceToken_theRouteExists_andTakesOnlyServiceAccountKeys() {
        try (ServerFixture off = new ServerFixture()) {
            Owner kim = register(off, "kim", true);
            Reply refused = off.client.post(VERIFY).bearer(SERVICE_TOKEN).json(json("key", kim.key())).send();
            assertProblem(refused, 401, "UNAUTHENTICATED");
            assertNoRateLimitHeaders(refused);
        }
    }
}
