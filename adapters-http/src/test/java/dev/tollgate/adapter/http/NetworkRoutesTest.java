package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.settings.ThrottleSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IP rules over HTTP: staff make, list and lift them at {@code /v1/admin/ip-rules}; every route
 * but the probes, the metrics and the key verification answers a denied client address 403
 * {@code IP_BLOCKED}; the key verification judges the address the service forwards; and keys
 * restricted to address ranges verify only from them. The server trusts the proxy in front, so a
 * request names its client address in {@code X-Forwarded-For}.
 */
class NetworkRoutesTest {

    private static final String SERVICE_TOKEN = "svc_0123456789abcdefghijklmnopqrstuv";
    private static final String BLOCKED = "198.51.100.7";
    private static final String ELSEWHERE = "198.51.100.8";

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE),
            http -> http.withTrustForwardedFor(true).withServiceToken(ServiceToken.of(SERVICE_TOKEN)),
            UnaryOperator.identity());
    private final ApiClient client = server.client;
    private final String admin = server.staff(TenantId.DEFAULT, "boss", "admin");

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply createRule(String token, Object... body) {
        return client.post("/v1/admin/ip-rules").bearer(token).json(json(body)).send();
    }

    /** A user with a verified address: the session and the primary key's secret. */
    private record Owner(String session, String key) {
    }

    private Owner owner(String username) {
        return owner(server, username);
    }

    private static Owner owner(ServerFixture on, String username) {
        Reply registered = on.client.post("/v1/users/register").json(json("username", username,
                "email", username + "@example.com", "password", PASSWORD)).send();
        String session = on.login(username, PASSWORD);
        assertThat(on.client.post("/v1/email/verify").bearer(session)
                .json(json("code", on.lastCode(username + "@example.com"))).send().status()).isEqualTo(200);
        return new Owner(session, registered.json().at("/api_key/key").asText());
    }

    private Reply verify(Object... body) {
        return client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json(json(body)).send();
    }

    private static void assertVerdict(Reply reply, boolean valid, String reason) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("valid").asBoolean()).as(reply.body()).isEqualTo(valid);
        if (reason != null) {
            assertThat(reply.json().path("reason").asText()).isEqualTo(reason);
        }
    }

    @Test
    void aDenyRule_blocksItsAddress_onEveryRouteButTheProbesAndTheKeyVerification_untilLifted() {
        Owner ann = owner("ann");
        Reply created = createRule(admin, "cidr", BLOCKED + "/32", "action", "deny", "reason", "abuse from here",
                "tenant", "default");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode rule = created.json();
        assertThat(rule.path("cidr").asText()).isEqualTo(BLOCKED + "/32");
        assertThat(rule.path("action").asText()).isEqualTo("deny");
        assertThat(rule.path("tenant").asText()).isEqualTo("default");
        assertThat(rule.path("reason").asText()).isEqualTo("abuse from here");
        assertThat(rule.path("automatic").asBoolean()).isFalse();
        assertThat(rule.path("created_at").asText()).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(rule.path("created_by").asText()).isNotBlank();
        assertThat(rule.has("expires_at")).isFalse();

        Reply blocked = client.get("/v1/users/profile").bearer(ann.session()).header("X-Forwarded-For", BLOCKED).send();
        assertProblem(blocked, 403, "IP_BLOCKED");
        assertProblem(client.post("/v1/users/login").header("X-Forwarded-For", "203.0.113.1, " + BLOCKED)
                .json(json("login", "ann", "password", PASSWORD)).send(), 403, "IP_BLOCKED");
        assertProblem(client.get("/openapi.json").header("X-Forwarded-For", BLOCKED).send(), 403, "IP_BLOCKED");
        assertProblem(client.get("/v1/users/profile").header("X-Forwarded-For", BLOCKED).breakingDocument().send(), 403,
                "IP_BLOCKED");
        assertProblem(client.get("/no/such/route").header("X-Forwarded-For", BLOCKED).outsideDocument().send(), 404,
                "NOT_FOUND");
        assertProblem(client.method("PATCH", "/v1/users/profile").header("X-Forwarded-For", BLOCKED).outsideDocument()
                .send(), 405, "METHOD_NOT_ALLOWED");
        assertThat(client.get("/v1/users/profile").bearer(ann.session()).header("X-Forwarded-For", ELSEWHERE).send()
                .status()).isEqualTo(200);
        assertProblem(client.get("/no/such/route").header("X-Forwarded-For", ELSEWHERE).outsideDocument().send(), 404,
                "NOT_FOUND");

        assertThat(client.get("/health").header("X-Forwarded-For", BLOCKED).send().status()).isEqualTo(200);
        assertThat(client.get("/ready").header("X-Forwarded-For", BLOCKED).send().status()).isEqualTo(200);
        assertThat(client.get("/metrics").header("X-Forwarded-For", BLOCKED).send().status()).isEqualTo(200);
        // the service calls from a blocked address of its own: the core judges it, as the verdict says
        assertVerdict(client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).header("X-Forwarded-For", BLOCKED)
                .json(json("key", ann.key(), "cost", 0)).send(), false, "IP_BLOCKED");
        assertVerdict(client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).header("X-Forwarded-For", BLOCKED)
                .json(json("key", ann.key(), "cost", 0, "client_ip", ELSEWHERE)).send(), true, null);
        Reply forwarded = verify("key", ann.key(), "cost", 0, "client_ip", BLOCKED);
        assertVerdict(forwarded, false, "IP_BLOCKED");
        assertThat(forwarded.json().has("key_id")).as("a blocked address learns nothing of the key").isFalse();

        List<JsonNode> listed = new ArrayList<>();
        client.get("/v1/admin/ip-rules").bearer(admin).send().json().path("rules").forEach(listed::add);
        assertThat(listed).singleElement().satisfies(one -> assertThat(one).isEqualTo(rule));
        assertThat(client.get("/v1/admin/ip-rules?tenant=default").bearer(admin).send().json().path("rules")).hasSize(1);

        Reply lifted = client.delete("/v1/admin/ip-rules/" + rule.path("id").asText()).bearer(admin)
                .json(json("reason", "resolved")).send();
        assertThat(lifted.status()).as(lifted.body()).isEqualTo(200);
        assertThat(lifted.json()).isEqualTo(rule);
        assertThat(client.get("/v1/users/profile").bearer(ann.session()).header("X-Forwarded-For", BLOCKED).send()
                .status()).isEqualTo(200);
        assertVerdict(verify("key", ann.key(), "cost", 0, "client_ip", BLOCKED), true, null);
        assertThat(client.get("/v1/admin/ip-rules").bearer(admin).send().json().path("rules")).isEmpty();
        assertProblem(client.delete("/v1/admin/ip-rules/" + rule.path("id").asText()).bearer(admin).send(), 404,
                "IP_RULE_NOT_FOUND");
        assertProblem(client.delete("/v1/admin/ip-rules/not-a-uuid").bearer(admin).send(), 404, "IP_RULE_NOT_FOUND");
    }

    @Test
    void everyRouteOfTheSecondFactorDevicesKeyRangesAndIpRules_answersABlockedAddress403_asDocumented() {
        Owner dan = owner("dan");
        String user = client.get("/v1/users/profile").bearer(dan.session()).send().json().path("id").asText();
        String key = client.get("/v1/users/api-key").bearer(dan.session()).send().json().path("id").asText();
        assertThat(createRule(admin, "cidr", BLOCKED, "action", "deny", "reason", "abuse", "tenant", "default").status())
                .isEqualTo(201);
        String rule = UUID.randomUUID().toString();

        // each a conforming request, so the exchange is checked against the document, and each refused before its route
        List<ApiClient.Call> calls = List.of(
                client.post("/v1/users/login/mfa").json(json("challenge", "a-challenge", "code", "123456")),
                client.post("/v1/users/login/mfa/totp").json(json("challenge", "a-challenge")),
                client.post("/v1/users/password/expired").json(json("change_token", "a-token", "new_password", PASSWORD)),
                client.get("/v1/users/devices").bearer(dan.session()),
                client.get("/v1/users/mfa").bearer(dan.session()),
                client.post("/v1/users/mfa/totp").bearer(dan.session()).json(json("password", PASSWORD)),
                client.delete("/v1/users/mfa/totp").bearer(dan.session()).json(json("password", PASSWORD, "code", "123456")),
                client.post("/v1/users/mfa/totp/confirm").bearer(dan.session()).json(json("code", "123456")),
                client.post("/v1/users/mfa/recovery-codes").bearer(dan.session()).json(json("code", "123456")),
                client.method("PATCH", "/v1/users/api-keys/" + key).bearer(dan.session()).json(json("allowed_ips", List.of())),
                client.post("/v1/admin/users/" + user + "/mfa/reset").bearer(admin).json(json("reason", "lost phone")),
                client.get("/v1/admin/ip-rules").bearer(admin),
                client.post("/v1/admin/ip-rules").bearer(admin).json(json("cidr", "192.0.2.0/24", "action", "deny",
                        "reason", "x", "tenant", "default")),
                client.delete("/v1/admin/ip-rules/" + rule).bearer(admin).json(json("reason", "resolved")));
        for (ApiClient.Call call : calls) {
            assertProblem(call.header("X-Forwarded-For", BLOCKED).send(), 403, "IP_BLOCKED");
        }
        assertThat(client.get("/v1/users/mfa").bearer(dan.session()).header("X-Forwarded-For", ELSEWHERE).send()
                .status()).isEqualTo(200);
    }

    @Test
    void aForwardedAddress_withAPortOrBrackets_isJudgedAndRecordedAsTheBareAddress() {
        Owner eda = owner("eda");
        assertThat(createRule(admin, "cidr", BLOCKED, "action", "deny", "reason", "abuse", "tenant", "default").status())
                .isEqualTo(201);
        assertThat(createRule(admin, "cidr", "2001:db8::/64", "action", "deny", "reason", "abuse", "tenant", "default")
                .status()).isEqualTo(201);

        for (String forwarded : List.of(BLOCKED + ":51234", "[" + BLOCKED + "]:443", "[2001:db8::1]:443", "[2001:db8::1]",
                "2001:db8::1", "[2001:DB8:0:0::1]", "203.0.113.1, " + BLOCKED + ":8080", "[::ffff:" + BLOCKED + "]:1")) {
            assertProblem(client.get("/v1/users/profile").bearer(eda.session()).header("X-Forwarded-For", forwarded).send(),
                    403, "IP_BLOCKED");
        }
        assertThat(client.get("/v1/users/profile").bearer(eda.session()).header("X-Forwarded-For", BLOCKED + ":1, "
                + ELSEWHERE).send().status()).as("only the entry the trusted proxy added counts").isEqualTo(200);

        // the sessions and the audit record the bare address too
        assertThat(client.post("/v1/users/login").header("X-Forwarded-For", ELSEWHERE + ":40000")
                .json(json("login", "eda", "password", PASSWORD)).send().status()).isEqualTo(200);
        assertThat(client.post("/v1/users/login").header("X-Forwarded-For", "[2001:db8:0:1::7]:443")
                .json(json("login", "eda", "password", PASSWORD)).send().status()).isEqualTo(200);
        assertThat(client.post("/v1/users/login").header("X-Forwarded-For", "[2001:db8:0:2::8]")
                .json(json("login", "eda", "password", "wrong-Password-1")).send().status()).isEqualTo(401);
        assertThat(client.get("/v1/users/sessions").bearer(eda.session()).send().json().path("sessions")
                .findValuesAsText("ip")).contains(ELSEWHERE, "2001:db8:0:1::7");
        List<String> audited = client.get("/v1/admin/audit?type=login").bearer(admin).send().json().path("items")
                .findValuesAsText("ip");
        assertThat(audited).contains(ELSEWHERE, "2001:db8:0:1::7", "2001:db8:0:2::8")
                .noneMatch(ip -> ip.contains("[") || ip.endsWith(":40000") || ip.endsWith(":443"));
    }

    @Test
    void aForwardedEntryThatIsNoAddress_countsAsAbsent_soTheConnectionsAddressIsJudged() {
        Owner fin = owner("fin");
        List<String> notAddresses = List.of("unknown", "proxy.example.com", "proxy.example.com:80", "fe80::1%eth0",
                "[fe80::1%25eth0]:443", "[2001:db8::1", "[2001:db8::1]x", "[2001:db8::1]:", "[2001:db8::1]:http",
                "203.0.113.9:", "203.0.113.9:port", "203.0.113.09", "203.0.113", "1:2:3:4:5:6:7:8:9", "1:::2", ",", "_");
        for (String forwarded : notAddresses) {
            Reply login = client.post("/v1/users/login").header("X-Forwarded-For", forwarded)
                    .json(json("login", "fin", "password", PASSWORD)).send();
            assertThat(login.status()).as(forwarded + ": " + login.body()).isEqualTo(200);
        }
        assertThat(client.get("/v1/users/sessions").bearer(fin.session()).send().json().path("sessions")
                .findValuesAsText("ip")).containsOnly("127.0.0.1");

        // a deny rule of the connection's address refuses a request whose forwarded entry is no address
        assertThat(createRule(admin, "cidr", "127.0.0.1", "action", "deny", "reason", "the proxy itself", "tenant",
                "default").status()).isEqualTo(201);
        for (String forwarded : notAddresses) {
            assertProblem(client.get("/v1/users/profile").bearer(fin.session()).header("X-Forwarded-For", forwarded).send(),
                    403, "IP_BLOCKED");
        }
        assertThat(client.get("/v1/users/profile").bearer(fin.session()).header("X-Forwarded-For", ELSEWHERE + ":9")
                .send().status()).isEqualTo(200);
    }

    @Test
    void theThrottles_countAForwardedAddress_whateverPortItCameFrom() {
        ThrottleSettings twoLogins = ThrottleSettings.NONE.with(ThrottleSettings.Action.LOGIN,
                new ThrottleSettings.Rule(ThrottleSettings.Limit.of(2, Duration.ofMinutes(1)), null));
        try (ServerFixture throttled = new ServerFixture(core -> core.withThrottles(twoLogins),
                http -> http.withTrustForwardedFor(true), UnaryOperator.identity())) {
            throttled.member(TenantId.DEFAULT, "gus");
            for (String port : List.of("1001", "1002")) {
                assertThat(throttled.client.post("/v1/users/login").header("X-Forwarded-For", BLOCKED + ":" + port)
                        .json(json("login", "gus", "password", PASSWORD)).send().status()).isEqualTo(200);
            }
            assertProblem(throttled.client.post("/v1/users/login").header("X-Forwarded-For", "[" + BLOCKED + "]:1003")
                    .json(json("login", "gus", "password", PASSWORD)).send(), 429, "RATE_LIMITED");
            assertThat(throttled.client.post("/v1/users/login").header("X-Forwarded-For", ELSEWHERE + ":1003")
                    .json(json("login", "gus", "password", PASSWORD)).send().status()).isEqualTo(200);
        }
    }

    @Test
    void aVerificationWithoutClientIp_isJudgedByTheServicesOwnAddress_byTheFailureThrottleToo() {
        ThrottleSettings twoFailures = ThrottleSettings.NONE.with(ThrottleSettings.Action.KEY_VERIFICATION,
                new ThrottleSettings.Rule(ThrottleSettings.Limit.of(2, Duration.ofMinutes(1)), null));
        try (ServerFixture throttled = new ServerFixture(core -> core.withThrottles(twoFailures),
                http -> http.withTrustForwardedFor(true).withServiceToken(ServiceToken.of(SERVICE_TOKEN)),
                UnaryOperator.identity())) {
            String key = owner(throttled, "hoa").key();
            for (String port : List.of("1", "2")) {
                assertVerdict(throttled.client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                        .header("X-Forwarded-For", BLOCKED + ":" + port)
                        .json(json("key", "tg_no-such-key", "cost", 0)).send(), false, "KEY_NOT_FOUND");
            }
            assertVerdict(throttled.client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                    .header("X-Forwarded-For", BLOCKED + ":3").json(json("key", key, "cost", 0)).send(), false,
                    "RATE_LIMITED");
            assertVerdict(throttled.client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                    .header("X-Forwarded-For", BLOCKED).json(json("key", key, "cost", 0, "client_ip", ELSEWHERE)).send(),
                    true, null);
            assertVerdict(throttled.client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                    .header("X-Forwarded-For", ELSEWHERE).json(json("key", key, "cost", 0)).send(), true, null);
        }
    }

    @Test
    void aTenantsRule_appliesToRequestsOfThatTenant_andAGlobalOne_whichOnlyASuperAdminMakes_toEvery() {
        server.tenant("other");
        String superAdmin = server.staff(TenantId.DEFAULT, "root", "super_admin");
        assertProblem(createRule(admin, "cidr", "203.0.113.0/24", "action", "deny", "reason", "theirs", "tenant",
                "other"), 403, "PERMISSION_DENIED");
        assertThat(createRule(superAdmin, "cidr", "203.0.113.0/24", "action", "deny", "reason", "theirs", "tenant",
                "other").status()).isEqualTo(201);
        assertProblem(client.get("/v1/users/profile").header("Tollgate-Tenant", "other")
                .header("X-Forwarded-For", "203.0.113.50").breakingDocument().send(), 403, "IP_BLOCKED");
        assertProblem(client.get("/v1/users/profile").header("X-Forwarded-For", "203.0.113.50").breakingDocument().send(),
                401, "UNAUTHENTICATED");

        assertProblem(createRule(admin, "cidr", "2001:db8::/32", "action", "deny", "reason", "everywhere"), 403,
                "PERMISSION_DENIED");
        Reply global = createRule(superAdmin, "cidr", "2001:db8::/32", "action", "deny", "reason", "everywhere",
                "expires_at", "2026-01-06T00:00:00Z");
        assertThat(global.status()).as(global.body()).isEqualTo(201);
        assertThat(global.json().has("tenant")).isFalse();
        assertThat(global.json().path("expires_at").asText()).isEqualTo("2026-01-06T00:00:00Z");
        assertProblem(client.get("/v1/users/profile").header("X-Forwarded-For", "2001:db8::1").breakingDocument().send(),
                403, "IP_BLOCKED");
        assertProblem(client.get("/v1/users/profile").header("Tollgate-Tenant", "other")
                .header("X-Forwarded-For", "2001:db8::1").breakingDocument().send(), 403, "IP_BLOCKED");

        assertThat(client.get("/v1/admin/ip-rules").bearer(superAdmin).send().json().path("rules")).hasSize(2);
        assertThat(client.get("/v1/admin/ip-rules?tenant=default").bearer(superAdmin).send().json().path("rules"))
                .hasSize(1);
        assertThat(client.get("/v1/admin/ip-rules?tenant=other").bearer(superAdmin).send().json().path("rules"))
                .hasSize(2);
        assertProblem(client.delete("/v1/admin/ip-rules/" + global.json().path("id").asText()).bearer(admin).send(),
                404, "IP_RULE_NOT_FOUND");
        assertThat(client.delete("/v1/admin/ip-rules/" + global.json().path("id").asText()).bearer(superAdmin).send()
                .status()).isEqualTo(200);
    }

    @Test
    void aRuleTheUseCaseRefuses_isUnprocessable_naming_theFields() {
        Reply invalid = createRule(admin, "cidr", "198.51.100.7/24", "action", "deny", "reason", "x", "tenant", "default",
                "expires_at", "2020-01-01T00:00:00Z");
        assertProblem(invalid, 422, "VALIDATION_FAILED");
        assertThat(invalid.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("cidr",
                "expires_at");
        Reply unknownAction = client.post("/v1/admin/ip-rules").bearer(admin).json(json("cidr", "198.51.100.7",
                "action", "block", "reason", "x", "tenant", "default")).breakingDocument().send();
        assertProblem(unknownAction, 422, "VALIDATION_FAILED");
        assertThat(unknownAction.json().path("errors").findValuesAsText("field")).contains("action");

        Reply unreadable = client.post("/v1/admin/ip-rules").bearer(admin).json(json("cidr", "198.51.100.7",
                "action", "deny", "reason", "x", "tenant", "Not A Tenant", "expires_at", "tomorrow"))
                .breakingDocument().send();
        assertProblem(unreadable, 422, "VALIDATION_FAILED");
        assertThat(unreadable.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("tenant",
                "expires_at");
        Reply missing = client.post("/v1/admin/ip-rules").bearer(admin).json(json("cidr", "198.51.100.7"))
                .breakingDocument().send();
        assertProblem(missing, 422, "VALIDATION_FAILED");
        assertThat(missing.json().path("errors").findValuesAsText("field")).containsExactly("action", "reason");
        assertProblem(client.get("/v1/admin/ip-rules?tenant=Not%20A%20Tenant").bearer(admin).send(), 422,
                "VALIDATION_FAILED");
        assertProblem(client.post("/v1/admin/ip-rules").json(json("cidr", "198.51.100.7", "action", "deny",
                "reason", "x")).breakingDocument().send(), 401, "UNAUTHENTICATED");
    }

    @Test
    void aCorsPreflight_fromABlockedAddress_isStillAnswered_andTheRequestItAnnounces_isRefused() {
        try (ServerFixture cors = new ServerFixture(UnaryOperator.identity(), http -> http.withTrustForwardedFor(true)
                .withCorsOrigins(List.of("https://app.example.com")), UnaryOperator.identity())) {
            String boss = cors.staff(TenantId.DEFAULT, "boss", "admin");
            assertThat(cors.client.post("/v1/admin/ip-rules").bearer(boss).json(json("cidr", BLOCKED, "action", "deny",
                    "reason", "abuse", "tenant", "default")).send().status()).isEqualTo(201);

            Reply preflight = cors.client.method("OPTIONS", "/v1/users/profile").header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "GET").header("X-Forwarded-For", BLOCKED)
                    .outsideDocument().send();
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");

            Reply actual = cors.client.get("/v1/users/profile").header("Origin", "https://app.example.com")
                    .header("X-Forwarded-For", BLOCKED).breakingDocument().send();
            assertProblem(actual, 403, "IP_BLOCKED");
            assertThat(actual.header("Access-Control-Allow-Origin")).as("the browser may read the refusal")
                    .isEqualTo("https://app.example.com");
        }
    }

    @Test
    void aKeyRestrictedToRanges_verifiesOnlyFromThem_andItsRangesAreShownAndReplaced() {
        Owner bea = owner("bea");
        Reply created = client.post("/v1/users/api-keys").bearer(bea.session()).json(json("name", "office",
                "allowed_ips", List.of("203.0.113.0/24", "2001:db8::/32"))).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("allowed_ips")).extracting(JsonNode::asText)
                .containsExactly("203.0.113.0/24", "2001:db8::/32");
        String key = created.json().path("key").asText();
        String id = created.json().path("id").asText();

        assertVerdict(verify("key", key, "cost", 0, "client_ip", "203.0.113.9"), true, null);
        assertVerdict(verify("key", key, "cost", 0, "client_ip", "2001:db8::5"), true, null);
        Reply outside = verify("key", key, "cost", 0, "client_ip", "198.51.100.1");
        assertVerdict(outside, false, "KEY_IP_NOT_ALLOWED");
        assertThat(outside.json().path("key_id").asText()).isEqualTo(id);
        assertVerdict(verify("key", key, "cost", 0), false, "KEY_IP_NOT_ALLOWED");
        assertVerdict(verify("key", bea.key(), "cost", 0, "client_ip", "198.51.100.1"), true, null);

        List<JsonNode> keys = new ArrayList<>();
        client.get("/v1/users/api-keys").bearer(bea.session()).send().json().path("api_keys").forEach(keys::add);
        assertThat(keys).filteredOn(k -> k.path("id").asText().equals(id)).singleElement()
                .satisfies(k -> assertThat(k.path("allowed_ips")).hasSize(2));
        assertThat(keys).filteredOn(k -> k.path("primary").asBoolean()).singleElement()
                .satisfies(k -> assertThat(k.path("allowed_ips")).isEmpty());

        Reply restricted = client.method("PATCH", "/v1/users/api-keys/" + id).bearer(bea.session())
                .json(json("allowed_ips", List.of("198.51.100.0/24"))).send();
        assertThat(restricted.status()).as(restricted.body()).isEqualTo(200);
        assertThat(restricted.json().path("allowed_ips")).extracting(JsonNode::asText).containsExactly("198.51.100.0/24");
        assertThat(restricted.json().has("key")).isFalse();
        assertVerdict(verify("key", key, "cost", 0, "client_ip", "198.51.100.1"), true, null);
        assertVerdict(verify("key", key, "cost", 0, "client_ip", "203.0.113.9"), false, "KEY_IP_NOT_ALLOWED");

        Reply anywhere = client.method("PATCH", "/v1/users/api-keys/" + id).bearer(bea.session())
                .json(json("allowed_ips", List.of())).send();
        assertThat(anywhere.json().path("allowed_ips")).isEmpty();
        assertVerdict(verify("key", key, "cost", 0, "client_ip", "203.0.113.9"), true, null);
    }

    @Test
    void keyRanges_theUseCaseRefuses_areUnprocessable_andAnUnknownKey_isNotFound() {
        Owner cid = owner("cid");
        Reply bad = client.post("/v1/users/api-keys").bearer(cid.session())
                .json(json("allowed_ips", List.of("not-a-range"))).send();
        assertProblem(bad, 422, "VALIDATION_FAILED");
        assertThat(bad.json().at("/errors/0/field").asText()).startsWith("allowed_ips");
        Reply nulls = client.post("/v1/users/api-keys").bearer(cid.session())
                .json("{\"allowed_ips\":[null]}").breakingDocument().send();
        assertProblem(nulls, 422, "VALIDATION_FAILED");

        String primary = client.get("/v1/users/api-key").bearer(cid.session()).send().json().path("id").asText();
        Reply badPatch = client.method("PATCH", "/v1/users/api-keys/" + primary).bearer(cid.session())
                .json(json("allowed_ips", List.of("10.0.0.1/8"))).send();
        assertProblem(badPatch, 422, "VALIDATION_FAILED");
        Reply noRanges = client.method("PATCH", "/v1/users/api-keys/" + primary).bearer(cid.session()).json("{}")
                .breakingDocument().send();
        assertProblem(noRanges, 422, "VALIDATION_FAILED");
        assertThat(noRanges.json().at("/errors/0/field").asText()).isEqualTo("allowed_ips");
        assertProblem(client.method("PATCH", "/v1/users/api-keys/" + UUID.randomUUID()).bearer(cid.session())
                .json(json("allowed_ips", List.of())).send(), 404, "KEY_NOT_FOUND");
        assertProblem(client.method("PATCH", "/v1/users/api-keys/" + primary).bearer(cid.key())
                .json(json("allowed_ips", List.of())).send(), 401, "INVALID_TOKEN");
    }
}
