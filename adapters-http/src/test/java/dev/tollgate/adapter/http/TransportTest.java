package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.TenantId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** What the HTTP layer itself answers: bad bodies, unknown routes, request ids, security headers. */
class TransportTest {

    private final ServerFixture server = new ServerFixture();
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void malformedJson_isABadRequest() {
        assertProblem(client.post("/v1/users/login").json("{\"login\": \"a\", ").breakingDocument().send(), 400,
                "MALFORMED_REQUEST");
        assertProblem(client.post("/v1/users/login").json("[1,2]").breakingDocument().send(), 400, "MALFORMED_REQUEST");
        assertProblem(client.post("/v1/users/login").json("{\"login\":\"a\",\"password\":\"b\"} trailing")
                .breakingDocument().send(), 400, "MALFORMED_REQUEST");
    }

    @Test
    void wrongTypes_areUnprocessable_namingTheField() {
        Reply number = client.post("/v1/users/login").json("{\"login\": 5, \"password\": \"x\"}").breakingDocument().send();
        assertProblem(number, 422, "VALIDATION_FAILED");
        assertThat(number.json().path("errors").findValuesAsText("field")).containsExactly("login");
        assertThat(number.json().path("errors").findValuesAsText("message")).containsExactly("must be a string");
        String token = server.signedIn("tess");
        Reply hobbies = client.put("/v1/users/profile").bearer(token).json("{\"hobbies\": \"chess\"}")
                .breakingDocument().send();
        assertProblem(hobbies, 422, "VALIDATION_FAILED");
        assertThat(hobbies.json().path("errors").findValuesAsText("field")).containsExactly("hobbies");
        Reply nullHobby = client.put("/v1/users/profile").bearer(token).json("{\"hobbies\": [\"chess\", null]}")
                .breakingDocument().send();
        assertProblem(nullHobby, 422, "VALIDATION_FAILED");
        assertThat(nullHobby.json().path("errors").findValuesAsText("field")).containsExactly("hobbies[1]");
    }

    @Test
    void aBodyThatIsNoObject_isABadRequest() {
        assertProblem(client.post("/v1/users/login").json("\"login\"").breakingDocument().send(), 400,
                "MALFORMED_REQUEST");
        assertProblem(client.post("/v1/users/login").json("5").breakingDocument().send(), 400, "MALFORMED_REQUEST");
        assertProblem(client.post("/v1/users/login").json("  ").breakingDocument().send(), 400, "MALFORMED_REQUEST");
    }

    @Test
    void unknownFields_areABadRequest_namingTheField() {
        Reply unknown = client.post("/v1/users/login").json(json("login", "a", "password", "b", "remember_me", true))
                .breakingDocument().send();
        assertProblem(unknown, 400, "MALFORMED_REQUEST");
        assertThat(unknown.json().path("errors").findValuesAsText("field")).containsExactly("remember_me");
    }

    @Test
    void aMissingBody_isABadRequest() {
        assertProblem(client.post("/v1/users/login").breakingDocument().send(), 400, "MALFORMED_REQUEST");
        assertProblem(client.post("/v1/users/login").json("").breakingDocument().send(), 400, "MALFORMED_REQUEST");
        assertProblem(client.post("/v1/users/login").json("null").breakingDocument().send(), 400, "MALFORMED_REQUEST");
    }

    @Test
    void aBodyOverTheLimit_isTooLarge_andOneAtTheLimitIsRead() {
        String prefix = "{\"login\":\"";
        String suffix = "\",\"password\":\"x\"}";
        String atLimit = prefix + "a".repeat(64 * 1024 - prefix.length() - suffix.length()) + suffix;
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
        assertProblem(client.post("/v1/users/login").json(atLimit).send(), 422, "VALIDATION_FAILED");

        String overLimit = prefix + "a".repeat(64 * 1024 + 1 - prefix.length() - suffix.length()) + suffix;
        Reply tooLarge = client.post("/v1/users/login").json(overLimit).send();
        assertProblem(tooLarge, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyThatIsNotJson_isAnUnsupportedMediaType() {
        assertProblem(client.post("/v1/users/login").header("Content-Type", "text/plain")
                .raw("login=a&password=b".getBytes(StandardCharsets.UTF_8)).breakingDocument().send(), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(client.post("/v1/users/login").header("Content-Type", "application/x-www-form-urlencoded")
                .raw("login=a&password=b".getBytes(StandardCharsets.UTF_8)).breakingDocument().send(), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertThat(client.post("/v1/users/login").header("Content-Type", "application/json; charset=utf-8")
                .json(json("login", "nobody", "password", PASSWORD)).send().status()).isEqualTo(401);
    }

    @Test
    void unknownRoutes_areNotFound_andWrongMethods_notAllowed() {
        assertProblem(client.get("/v1/users/nothing-here").outsideDocument().send(), 404, "NOT_FOUND");
        assertProblem(client.get("/").outsideDocument().send(), 404, "NOT_FOUND");
        assertProblem(client.method("PATCH", "/v1/users/profile").outsideDocument().send(), 405, "METHOD_NOT_ALLOWED");
        assertProblem(client.get("/v1/users/login").outsideDocument().send(), 405, "METHOD_NOT_ALLOWED");
        assertProblem(client.get("/docs/not-an-asset.js").send(), 404, "NOT_FOUND");
    }

    @Test
    void aSafeRequestId_isEchoed_andAnyOtherIsReplaced() {
        Reply echoed = client.get("/health").header("X-Request-Id", "abc.DEF_123-x").send();
        assertThat(echoed.header("X-Request-Id")).isEqualTo("abc.DEF_123-x");

        for (String unsafe : List.of("has space", "x".repeat(129), "semi;colon", "<script>")) {
            Reply replaced = client.get("/health").header("X-Request-Id", unsafe).send();
            assertThat(replaced.header("X-Request-Id")).isNotEqualTo(unsafe).matches("[A-Za-z0-9._-]{1,128}");
        }
        Reply generated = client.get("/health").send();
        Reply another = client.get("/health").send();
        assertThat(generated.header("X-Request-Id")).isNotBlank().isNotEqualTo(another.header("X-Request-Id"));
        UUID id = UUID.fromString(generated.header("X-Request-Id"));
        assertThat(id.version()).as("a random UUID").isEqualTo(4);
        assertThat(id.variant()).as("the IETF variant").isEqualTo(2);
        assertThat(client.get("/health").header("X-Request-Id", "x".repeat(128)).send().header("X-Request-Id"))
                .hasSize(128);
    }

    @Test
    void everyResponse_carriesTheSecurityHeaders_andDocsARelaxedPolicy() {
        for (Reply reply : List.of(client.get("/health").send(),
                client.post("/v1/users/login").json(json("login", "x", "password", "y")).send(),
                client.get("/v1/nothing").outsideDocument().send())) {
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.header("Content-Security-Policy")).startsWith("default-src 'none'")
                    .doesNotContain("script-src");
            assertThat(reply.header("X-Request-Id")).isNotBlank();
        }
        Reply docs = client.get("/docs").send();
        assertThat(docs.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'none'");
        assertThat(docs.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void corsIsOff_unlessOriginsAreConfigured() {
        Reply preflight = client.method("OPTIONS", "/v1/users/login").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST").outsideDocument().send();
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(client.get("/health").header("Origin", "https://app.example.com").send()
                .header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void corsPreflight_isAllowedForAConfiguredOrigin_only() {
        try (ServerFixture cors = new ServerFixture(settings -> settings.withCorsOrigins(List.of("https://app.example.com")))) {
            Reply allowed = cors.client.method("OPTIONS", "/v1/users/profile").header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "authorization").outsideDocument().send();
            assertThat(allowed.status()).isBetween(200, 204);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

            Reply actual = cors.client.get("/health").header("Origin", "https://app.example.com").send();
            assertThat(actual.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(actual.header("Access-Control-Expose-Headers")).contains("X-Request-Id");

            Reply stranger = cors.client.method("OPTIONS", "/v1/users/profile").header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET").outsideDocument().send();
            assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void theConnectionsOwnIpv6Address_whichJettyWritesInBrackets_isJudgedAndRecordedBare() {
        Assumptions.assumeTrue(ipv6Loopback(), "no IPv6 loopback here");
        try (ServerFixture dual = new ServerFixture(settings -> settings.withHost("::"))) {
            ApiClient overIpv6 = new ApiClient("[::1]", dual.api.port());
            String admin = dual.staff(TenantId.DEFAULT, "boss", "admin");
            dual.member(TenantId.DEFAULT, "wes");
            String session = overIpv6.post("/v1/users/login").json(json("login", "wes", "password", PASSWORD)).send()
                    .json().path("session_token").asText();
            assertThat(overIpv6.get("/v1/users/sessions").bearer(session).send().json().path("sessions")
                    .findValuesAsText("ip")).containsExactly("0:0:0:0:0:0:0:1");

            assertThat(dual.client.post("/v1/admin/ip-rules").bearer(admin).json(json("cidr", "::1", "action", "deny",
                    "reason", "loopback", "tenant", "default")).send().status()).isEqualTo(201);
            assertProblem(overIpv6.get("/v1/users/profile").bearer(session).send(), 403, "IP_BLOCKED");
            assertThat(dual.client.get("/v1/users/profile").bearer(session).send().status()).isEqualTo(200);
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return probe.isBound();
        } catch (IOException unavailable) {
            return false;
        }
    }

    @Test
    void theClientAddress_comesFromXForwardedFor_onlyWhenTrusted() {
        String token = server.signedIn("uma");
        assertThat(client.post("/v1/users/login").header("X-Forwarded-For", "198.51.100.9")
                .json(json("login", "uma", "password", PASSWORD)).send().status()).isEqualTo(200);
        assertThat(client.get("/v1/users/sessions").bearer(token).send().json().path("sessions").findValuesAsText("ip"))
                .containsOnly("127.0.0.1");

        try (ServerFixture proxied = new ServerFixture(settings -> settings.withTrustForwardedFor(true))) {
            proxied.signedIn("vic");
            String forwarded = proxied.client.post("/v1/users/login").header("X-Forwarded-For", "203.0.113.1, 198.51.100.9")
                    .json(json("login", "vic", "password", PASSWORD)).send().json().path("session_token").asText();
            assertThat(proxied.client.get("/v1/users/sessions").bearer(forwarded).send().json().path("sessions")
                    .findValuesAsText("ip")).contains("198.51.100.9");
        }
    }
}
