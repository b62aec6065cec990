package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes, metrics and the documentation pages. */
class OperationsTest {

    @Test
    void health_isAlwaysUp_andReady_followsTheCheck() {
        try (ServerFixture server = new ServerFixture()) {
            Reply health = server.client.get("/health").send();
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("version").asText()).isEqualTo("1.2.3-test");
            assertThat(server.client.get("/ready").send().status()).isEqualTo(200);

            server.ready.set(false);
            assertProblem(server.client.get("/ready").send(), 503, "NOT_READY");
            assertThat(server.client.get("/health").send().status()).isEqualTo(200);
        }
    }

    @Test
    void aDegradedServer_staysReady_andSaysWhatRunsDegraded() {
        try (ServerFixture server = new ServerFixture()) {
            Reply healthy = server.client.get("/ready").send();
            assertThat(healthy.status()).isEqualTo(200);
            assertThat(healthy.json().path("degraded").isArray()).isTrue();
            assertThat(healthy.json().path("degraded")).isEmpty();

            server.degraded.set(List.of("rate limits are counted in the store: Redis is unreachable"));
            Reply degraded = server.client.get("/ready").send();

            assertThat(degraded.status()).isEqualTo(200);
            assertThat(degraded.json().path("status").asText()).isEqualTo("ready");
            assertThat(degraded.json().path("degraded")).extracting(JsonNode::asText)
                    .containsExactly("rate limits are counted in the store: Redis is unreachable");
        }
    }

    @Test
    void metrics_timeRequestsByRouteTemplateMethodAndStatus() {
        try (ServerFixture server = new ServerFixture()) {
            server.client.post("/v1/users/login").json(json("login", "nobody", "password", "whatever")).send();
            String token = server.signedIn("wes");
            server.client.delete("/v1/users/sessions/0190a6f2-1111-7000-8000-000000000000").bearer(token).send();

            Reply metrics = server.client.get("/metrics").send();
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("http_server_requests_seconds_count{method=\"POST\",status=\"401\",uri=\"/v1/users/login\"} 1")
                    .contains("http_server_requests_seconds_bucket{method=\"POST\",status=\"200\",uri=\"/v1/users/login\"")
                    .contains("uri=\"/v1/users/sessions/{id}\"")
                    .doesNotContain("0190a6f2-1111");
        }
    }

    @Test
    void metrics_demandTheTokenWhenOneIsConfigured_andAreAbsentWhenOff() {
        String secret = "metrics-secret-0123456789";
        try (ServerFixture server = new ServerFixture(settings -> settings.withMetricsToken(secret))) {
            assertProblem(server.client.get("/metrics").send(), 401, "UNAUTHENTICATED");
            assertProblem(server.client.get("/metrics").bearer("wrong-token-0123456789").send(), 401, "UNAUTHENTICATED");
            assertThat(server.client.get("/metrics").bearer(secret).send().status()).isEqualTo(200);
        }
        try (ServerFixture server = new ServerFixture(settings -> settings.withMetrics(false))) {
            assertProblem(server.client.get("/metrics").send(), 404, "NOT_FOUND");
        }
    }

    @Test
    void docs_serveSwaggerUiFromTheJar_overTheDocument() {
        try (ServerFixture server = new ServerFixture()) {
            Reply page = server.client.get("/docs").send();
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("/docs/swagger-ui-bundle.js", "/docs/initializer.js")
                    .doesNotContain("https://", "http://", "<script>");

            Reply bundle = server.client.get("/docs/swagger-ui-bundle.js").send();
            assertThat(bundle.status()).isEqualTo(200);
            assertThat(bundle.header("Content-Type")).startsWith("text/javascript");
            assertThat(bundle.body()).contains("SwaggerUIBundle").hasSizeGreaterThan(100_000);
            assertThat(server.client.get("/docs/swagger-ui.css").send().status()).isEqualTo(200);
            assertThat(server.client.get("/docs/initializer.js").send().body()).contains("/openapi.json");
        }
    }
}
