package dev.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.api.profile.Profiles;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the server answers before or beside any route, over a bare socket: Jetty's refusals of
 * oversized or malformed requests, the shutdown drain, CORS preflights and readiness. Each is
 * an {@code application/problem+json} document with a stable code, like every other failure.
 */
class OutsideTheRoutesTest {

    private final ServerFixture server = new ServerFixture();
    private final RawHttp raw = new RawHttp(server.api.port());

    @AfterEach
    void stop() {
        server.close();
    }

    static void assertProblem(RawHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.code()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("type").asText())
                .isEqualTo("urn:tollgate:problem:" + code.toLowerCase().replace('_', '-'));
        assertThat(reply.json().path("title").asText()).isNotBlank();
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("<html", "Exception", "jetty", "Jetty");
    }

    @Test
    void aHeaderTooLarge_isAProblem() {
        RawHttp.Reply reply = raw.send("GET /health HTTP/1.1\r\nX-Big: " + "a".repeat(80 * 1024));
        assertProblem(reply, 431, "HEADERS_TOO_LARGE");
        assertThat(reply.header("X-Request-Id")).isEqualTo(reply.json().path("request_id").asText()).isNotBlank();
    }

    @Test
    void aUriTooLong_isAProblem() {
        assertProblem(raw.send("GET /health?" + "a".repeat(20 * 1024) + " HTTP/1.1"), 414, "URI_TOO_LONG");
        assertProblem(raw.send("GET /" + "a".repeat(20 * 1024) + " HTTP/1.1"), 414, "URI_TOO_LONG");
    }

    @Test
    void badPercentEncodingOrUtf8_inThePath_isAMalformedRequest_forEveryMethod() {
        for (String path : List.of("/v1/users/%zz", "/v1/users/%", "/v1/users/profile%C0%AF", "/v1/%ED%A0%80",
                "/v1/users/api-keys/%FF")) {
            for (String method : List.of("GET", "DELETE", "PUT", "OPTIONS")) {
                assertProblem(raw.send(method + " " + path + " HTTP/1.1"), 400, "MALFORMED_REQUEST");
            }
        }
    }

    @Test
    void badPercentEncodingOrUtf8_inTheQuery_isAMalformedRequest() {
        for (String query : List.of("days=%zz", "days=%", "days=%C0%AF", "x=%ED%A0%80", "x=%E2%82")) {
            assertProblem(raw.send("GET /v1/users/usage?" + query + " HTTP/1.1"), 400, "MALFORMED_REQUEST");
            assertProblem(raw.send("GET /health?" + query + " HTTP/1.1"), 400, "MALFORMED_REQUEST");
        }
        assertThat(raw.send("GET /health?x=%E2%82%AC+y HTTP/1.1").status()).isEqualTo(200);
    }

    @Test
    void aRequestLineThatIsNoHttp_isAMalformedRequest() {
        assertProblem(raw.send("GARBAGE"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void notReady_isAProblem_withRetryAfter() {
        server.ready.set(false);
        RawHttp.Reply reply = raw.send("GET /ready HTTP/1.1");
        assertProblem(reply, 503, "NOT_READY");
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(reply.json().path("retry_after").asLong()).isEqualTo(5);
    }

    @Test
    void aCorsPreflight_isNoContent_withTheCorsHeaders_andNoContentType() {
        try (ServerFixture cors = new ServerFixture(settings -> settings.withCorsOrigins(List.of("https://app.example.com")))) {
            RawHttp corsRaw = new RawHttp(cors.api.port());
            RawHttp.Reply allowed = corsRaw.send("OPTIONS /v1/users/profile HTTP/1.1\r\nOrigin: https://app.example.com"
                    + "\r\nAccess-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: authorization");
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(204);
            assertThat(allowed.header("Content-Type")).as(allowed.toString()).isNull();
            assertThat(allowed.body()).isEmpty();
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
            assertThat(allowed.header("Access-Control-Allow-Methods")).contains("GET");
            assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

            RawHttp.Reply stranger = corsRaw.send("OPTIONS /v1/users/profile HTTP/1.1\r\nOrigin: https://evil.example"
                    + "\r\nAccess-Control-Request-Method: GET");
            assertThat(stranger.status()).isEqualTo(204);
            assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
            assertThat(stranger.header("Content-Type")).isNull();
        }
        // without CORS an OPTIONS request is a method like any other the routes do not take
        assertProblem(raw.send("OPTIONS /v1/users/profile HTTP/1.1\r\nOrigin: https://app.example.com"
                + "\r\nAccess-Control-Request-Method: GET"), 405, "METHOD_NOT_ALLOWED");
    }

    private static void awaitRefusingConnections(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                Thread.sleep(20);
            } catch (IOException refused) {
                return;
            }
        }
        throw new AssertionError("the server kept accepting connections");
    }

    @Test
    void aRequestArrivingWhileTheServerDrains_isAProblem_withRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        UseCases[] real = new UseCases[1];
        try (ServerFixture slow = new ServerFixture(UnaryOperator.identity(), UnaryOperator.identity(), useCases -> {
            real[0] = useCases;
            return new UseCases(useCases.registration(), useCases.sessions(), useCases.emailAddresses(),
                    Overrides.replace(Profiles.class, useCases.profiles(), "view", args -> {
                        entered.countDown();
                        try {
                            release.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        return real[0].profiles().view((dev.tollgate.port.UserRef) args[0]);
                    }),
                    useCases.passwords(), useCases.accounts(), useCases.apiKeys(),
                    useCases.verification(), useCases.usage(), useCases.subscriptions(), useCases.staff(), useCases.firstRun(), useCases.serviceAccounts(), useCases.tenants(), useCases.administration(), useCases.statistics(), useCases.auditSearch(), useCases.secondFactors(), useCases.ipRules(), useCases.network());
        });
                RawHttp.KeepAlive open = new RawHttp(slow.api.port()).keepAlive()) {
            int port = slow.api.port();
            String token = slow.signedIn("dora");
            assertThat(open.send("GET /health HTTP/1.1").status()).isEqualTo(200);
            open.begin("GET /health HTTP/1.1");
            CompletableFuture<ApiClient.Reply> inFlight = CompletableFuture.supplyAsync(
                    () -> slow.client.get("/v1/users/profile").bearer(token).send());
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(slow.api::stop);

            // the drain has begun once new connections are refused; then a request whose headers were under way
            // completes while the server drains
            awaitRefusingConnections(port);
            RawHttp.Reply refused = open.finish();
            assertThat(refused).as("a 503 while draining").isNotNull();
            assertProblem(refused, 503, "SHUTTING_DOWN");
            assertThat(refused.header("Retry-After")).isEqualTo("5");

            release.countDown();
            assertThat(inFlight.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            stopping.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
    }
}
