package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings.Limit;
import dev.tollgate.port.settings.ThrottleSettings.Rule;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/users/usage} over HTTP, fed by real verifications through the service route,
 * and the throttles' 429 answers with their headers.
 */
class UsageRoutesTest {

    private static final String SERVICE_TOKEN = "svc_0123456789abcdefghijklmnopqrstuv";

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE
            .with(Action.LOGIN, new Rule(Limit.of(100, Duration.ofMinutes(1)), Limit.of(3, Duration.ofMinutes(1))))),
            http -> http.withServiceToken(ServiceToken.of(SERVICE_TOKEN)), useCases -> useCases);
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theReport_showsThePlan_theMetersNow_andTheDaysOfUsagePerMeterAndKey() {
        Reply registered = client.post("/v1/users/register").json(json("username", "ana", "email", "ana@example.com",
                "password", PASSWORD)).send();
        String key = registered.json().at("/api_key/key").asText();
        String keyId = registered.json().at("/api_key/id").asText();
        String session = server.login("ana", PASSWORD);
        client.post("/v1/email/verify").bearer(session).json(json("code", server.lastCode("ana@example.com"))).send();
        verify(key, 4);
        server.clock.advance(Duration.ofDays(1));
        verify(key, 4);
        verify(key, 4);
        verify(key, 4);
        server.usageSink.flush();
        session = server.login("ana", PASSWORD);

        Reply reply = client.get("/v1/users/usage?days=7").bearer(session).send();

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("plan").asText()).isEqualTo("free");
        assertThat(body.path("level").asText()).isEqualTo("medium");
        assertThat(body.path("time_zone").asText()).isEqualTo("UTC");
        assertThat(body.path("from").asText()).isEqualTo("2025-12-31");
        assertThat(body.path("to").asText()).isEqualTo("2026-01-06");
        assertThat(body.at("/meters/credits/remaining").asLong()).isEqualTo(2);
        JsonNode daily = body.path("daily");
        assertThat(daily).hasSize(2);
        assertThat(daily.get(0).path("day").asText()).isEqualTo("2026-01-05");
        assertThat(daily.get(0).path("units").asLong()).isEqualTo(4);
        assertThat(daily.get(1).path("day").asText()).isEqualTo("2026-01-06");
        assertThat(daily.get(1).path("meter").asText()).isEqualTo("credits");
        assertThat(daily.get(1).path("key_id").asText()).isEqualTo(keyId);
        assertThat(daily.get(1).path("calls").asLong()).isEqualTo(3);
        assertThat(daily.get(1).path("granted").asLong()).isEqualTo(2);
        assertThat(daily.get(1).path("refused").asLong()).isEqualTo(1);
        assertThat(daily.get(1).path("units").asLong()).isEqualTo(8);
        assertThat(client.get("/v1/users/usage?days=1").bearer(session).send().json().path("daily")).hasSize(1);
        assertThat(client.get("/v1/users/usage").bearer(session).send().json().path("from").asText())
                .as("30 days by default").isEqualTo("2025-12-08");
    }

    @Test
    void daysOutOfRange_areUnprocessable_andNoSession_isUnauthenticated() {
        client.post("/v1/users/register").json(json("username", "ben", "email", "ben@example.com",
                "password", PASSWORD)).send();
        String session = server.login("ben", PASSWORD);

        for (String days : new String[] {"0", "367", "-1", "seven", "99999"}) {
            Reply reply = client.get("/v1/users/usage?days=" + days).bearer(session).breakingDocument().send();
            assertProblem(reply, 422, "VALIDATION_FAILED");
            assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("days");
        }
        assertProblem(client.get("/v1/users/usage").breakingDocument().send(), 401, "UNAUTHENTICATED");
    }

    @Test
    void aThrottledLogin_is429_withRetryAfterAndRateLimitHeaders_forKnownAndUnknownNamesAlike() {
        client.post("/v1/users/register").json(json("username", "cleo", "email", "cleo@example.com",
                "password", PASSWORD)).send();
        for (String name : new String[] {"cleo", "nobody"}) {
            for (int i = 0; i < 3; i++) {
                assertThat(login(name, "wrong").status()).isEqualTo(401);
            }

            Reply throttled = login(name, PASSWORD);

            assertProblem(throttled, 429, "RATE_LIMITED");
            assertThat(throttled.header("Retry-After")).isEqualTo("60");
            assertThat(throttled.json().path("retry_after").asLong()).isEqualTo(60);
            assertThat(throttled.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(throttled.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(throttled.header("RateLimit-Reset")).isEqualTo("60");
        }
        server.clock.advance(Duration.ofMinutes(1));
        assertThat(login("cleo", PASSWORD).status()).isEqualTo(200);
    }

    private Reply login(String name, String password) {
        return client.post("/v1/users/login").json(json("login", name, "password", password)).send();
    }

    private void verify(String key, long cost) {
        Reply reply = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json(json("key", key, "cost", cost)).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
