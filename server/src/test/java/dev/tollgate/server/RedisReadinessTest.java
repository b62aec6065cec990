package dev.tollgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.server.JsonExchange.Answer;
import dev.tollgate.testing.redis.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with {@code TOLLGATE_REDIS_URL}, over real HTTP: it starts whether or not Redis
 * answers, and {@code GET /ready} stays 200 and says what runs degraded, never the password.
 */
class RedisReadinessTest {

    @TempDir
    Path dataDirectory;

    private final HttpClient client = HttpClient.newHttpClient();
    private RunningServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void withRedisUnreachable_theServerStarts_andReadySaysLimitsAreCountedInTheStore() throws Exception {
        String password = "redis-password-" + System.nanoTime();
        start("redis://:" + password + "@127.0.0.1:" + closedPort());

        Answer ready = JsonExchange.send(client, server.port(), "GET", "/ready", null, null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("status").asText()).isEqualTo("ready");
        assertThat(ready.body().path("degraded")).extracting(JsonNode::asText)
                .containsExactly("rate limits are counted in the store: Redis is unreachable");
        assertThat(ready.raw()).doesNotContain(password);
    }

    @Test
    void withRedisAnswering_readyNamesNoDegradation() throws Exception {
        start(TestRedis.url());

        Answer ready = JsonExchange.send(client, server.port(), "GET", "/ready", null, null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().path("degraded").isArray()).isTrue();
        assertThat(ready.body().path("degraded")).isEmpty();
    }

    private void start(String redisUrl) {
        server = ServerLauncher.start(ServerConfiguration.read(Map.of(
                "TOLLGATE_HTTP_PORT", "0",
                "TOLLGATE_DATA_DIR", dataDirectory.toString(),
                // the lookup cache is another part of issue 12; this test is about Redis and readiness only
                "TOLLGATE_CACHE_TTL", "0",
                "TOLLGATE_REDIS_PREFIX", TestRedis.keyPrefix(RedisReadinessTest.class),
                "TOLLGATE_REDIS_URL", redisUrl), Map.of()));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
