package dev.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.adapter.http.internal.Answers;
import dev.tollgate.adapter.http.internal.JsonBodies;
import dev.tollgate.adapter.http.internal.ProblemMapper;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one mapping of an {@link Outcome} to an HTTP answer, on a bare server whose only route
 * answers whatever outcome the test sets: a value with the route's status, and every
 * {@link ErrorCode}'s problem with its status, code, detail and headers.
 */
class AnswersTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<Outcome<?>> next = new AtomicReference<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin server;

    @BeforeEach
    void start() {
        JsonBodies json = new JsonBodies(1024);
        Answers answers = new Answers(json, new ProblemMapper(json, Clock.fixed(NOW, ZoneOffset.UTC)));
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/value", ctx -> answers.write(ctx, next.get(), 201, value -> Map.of("value", value)));
            config.routes.get("/nothing", ctx -> answers.writeNoContent(ctx, next.get()));
        }).start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aDoneOutcome_isItsBody_withTheRoutesStatus() throws Exception {
        HttpResponse<String> reply = get("/value", Outcome.done("ada"));

        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(JSON.readTree(reply.body()).path("value").asText()).isEqualTo("ada");
        assertThat(get("/nothing", Outcome.done("ada")).statusCode()).isEqualTo(204);
    }

    @Test
    void everyCodesProblem_isItsDocument_withTheCodesStatusAndTheProblemsDetail() throws Exception {
        for (Map.Entry<ErrorCode, Problem> example : examples().entrySet()) {
            ErrorCode code = example.getKey();
            Problem problem = example.getValue();
            for (String route : List.of("/value", "/nothing")) {
                HttpResponse<String> reply = get(route, Outcome.refused(problem));

                assertThat(reply.statusCode()).as(code.name()).isEqualTo(ProblemMapper.statusOf(code));
                assertThat(reply.headers().firstValue("Content-Type")).as(code.name())
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode body = JSON.readTree(reply.body());
                assertThat(body.path("code").asText()).isEqualTo(code.name());
                assertThat(body.path("status").asInt()).isEqualTo(reply.statusCode());
                assertThat(body.path("detail").asText()).isEqualTo(problem.detail());
                assertThat(body.path("type").asText())
                        .isEqualTo("urn:tollgate:problem:" + code.name().toLowerCase().replace('_', '-'));
                assertThat(body.path("title").asText()).isNotBlank();
                assertThat(reply.headers().firstValue("WWW-Authenticate").isPresent()).as(code.name())
                        .isEqualTo(code == ErrorCode.INVALID_TOKEN);
            }
        }
    }

    @Test
    void aProblemThatSaysWhenToRetry_answersRetryAfter_andARateLimitTheWindow() throws Exception {
        HttpResponse<String> limited = get("/value", Outcome.refused(new Problem.RateLimited(NOW.plusMillis(1500), 5)));
        assertThat(limited.headers().firstValue("Retry-After")).contains("2");
        assertThat(limited.headers().firstValue("RateLimit-Limit")).contains("5");
        assertThat(limited.headers().firstValue("RateLimit-Remaining")).contains("0");
        assertThat(JSON.readTree(limited.body()).path("retry_after").asLong()).isEqualTo(2);

        HttpResponse<String> locked = get("/value", Outcome.refused(new Problem.AccountLocked(NOW.plusSeconds(60))));
        assertThat(locked.headers().firstValue("Retry-After")).contains("60");
        assertThat(JSON.readTree(locked.body()).path("locked_until").asText()).isEqualTo("2026-01-05T09:01:00Z");

        HttpResponse<String> busy = get("/nothing", Outcome.refused(new Problem.ServiceBusy(Duration.ofMillis(200))));
        assertThat(busy.headers().firstValue("Retry-After")).contains("1");
        assertThat(get("/value", Outcome.refused(new Problem.RateLimited(NOW.plusSeconds(3)))).headers()
                .firstValue("RateLimit-Limit")).as("no limit to tell").isEmpty();
    }

    @Test
    void aProblemsData_isInTheDocument() throws Exception {
        JsonNode invalid = JSON.readTree(get("/value", Outcome.refused(Problem.InvalidInput.of("cost", "must be 0 to 9")))
                .body());
        assertThat(invalid.at("/errors/0/field").asText()).isEqualTo("cost");
        assertThat(invalid.at("/errors/0/message").asText()).isEqualTo("must be 0 to 9");

        JsonNode rejected = JSON.readTree(get("/value", Outcome.refused(new Problem.PasswordRejected(List.of(
                Problem.PasswordRejected.Rule.CONTAINS_USERNAME, Problem.PasswordRejected.Rule.TOO_WEAK)))).body());
        assertThat(rejected.path("violations")).extracting(JsonNode::asText)
                .containsExactly("contains_username", "too_weak");

        JsonNode wrongCode = JSON.readTree(get("/value", Outcome.refused(Problem.CodeInvalid.withAttemptsLeft(2))).body());
        assertThat(wrongCode.path("attempts_left").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(get("/value", Outcome.refused(Problem.CodeInvalid.withoutDetail())).body())
                .has("attempts_left")).isFalse();
    }

    private HttpResponse<String> get(String path, Outcome<?> outcome) throws IOException, InterruptedException {
        next.set(outcome);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One problem of every code. */
    private static Map<ErrorCode, Problem> examples() throws ReflectiveOperationException {
        Map<ErrorCode, Problem> examples = new EnumMap<>(ErrorCode.class);
        for (ErrorCode code : ErrorCode.values()) {
            if (code.problem().getRecordComponents().length == 0) {
                examples.put(code, code.problem().getDeclaredConstructor().newInstance());
            }
        }
        for (Problem problem : List.of(Problem.InvalidInput.of("email", "is required"),
                new Problem.PasswordRejected(List.of(Problem.PasswordRejected.Rule.COMMON)),
                new Problem.AccountLocked(NOW.plusSeconds(60)), new Problem.AccountInactive(AccountStatus.SUSPENDED),
                Problem.CodeInvalid.withAttemptsLeft(1), new Problem.RateLimited(NOW.plusSeconds(30), 10),
                new Problem.AccountStateConflict(AccountStatus.ACTIVE), new Problem.EntitlementMissing("react"),
                new Problem.InsufficientCredits("credits"), new Problem.UnknownMeter("nope"),
                new Problem.ServiceBusy(Duration.ofSeconds(1)))) {
            examples.put(problem.code(), problem);
        }
        assertThat(examples.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        return examples;
    }
}
