package dev.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.RawHttp.Reply;
import dev.tollgate.adapter.http.internal.Answers;
import dev.tollgate.adapter.http.internal.JsonBodies;
import dev.tollgate.adapter.http.internal.ProblemMapper;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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

    private final AtomicReference<Outcome<?>> next = new AtomicReference<>();
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
    void aDoneOutcome_isItsBody_withTheRoutesStatus() {
        Reply reply = get("/value", Outcome.done("ada"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().path("value").asText()).isEqualTo("ada");
        assertThat(get("/nothing", Outcome.done("ada")).status()).isEqualTo(204);
    }

    @Test
    void everyCodesProblem_isItsDocument_withTheCodesStatusAndTheProblemsDetail() throws Exception {
        for (Map.Entry<ErrorCode, Problem> example : examples().entrySet()) {
            ErrorCode code = example.getKey();
            Problem problem = example.getValue();
            for (String route : List.of("/value", "/nothing")) {
                Reply reply = get(route, Outcome.refused(problem));

                assertThat(reply.status()).as(code.name()).isEqualTo(ProblemMapper.statusOf(code));
                assertThat(reply.header("Content-Type")).as(code.name()).startsWith("application/problem+json");
                JsonNode body = reply.json();
                assertThat(body.path("code").asText()).isEqualTo(code.name());
                assertThat(body.path("status").asInt()).isEqualTo(reply.status());
                assertThat(body.path("detail").asText()).isEqualTo(problem.detail());
                assertThat(body.path("type").asText())
                        .isEqualTo("urn:tollgate:problem:" + code.name().toLowerCase().replace('_', '-'));
                assertThat(body.path("title").asText()).isNotBlank();
                assertThat(reply.header("WWW-Authenticate") != null).as(code.name())
                        .isEqualTo(code == ErrorCode.INVALID_TOKEN);
            }
        }
    }

    @Test
    void aProblemThatSaysWhenToRetry_answersRetryAfter_andARateLimitTheWindow() {
        Reply limited = get("/value", Outcome.refused(new Problem.RateLimited(NOW.plusMillis(1500), 5)));
        assertThat(limited.header("Retry-After")).isEqualTo("2");
        assertThat(limited.header("RateLimit-Limit")).isEqualTo("5");
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.json().path("retry_after").asLong()).isEqualTo(2);

        Reply locked = get("/value", Outcome.refused(new Problem.AccountLocked(NOW.plusSeconds(60))));
        assertThat(locked.header("Retry-After")).isEqualTo("60");
        assertThat(locked.json().path("locked_until").asText()).isEqualTo("2026-01-05T09:01:00Z");

        Reply busy = get("/nothing", Outcome.refused(new Problem.ServiceBusy(Duration.ofMillis(200))));
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(get("/value", Outcome.refused(new Problem.RateLimited(NOW.plusSeconds(3)))).header("RateLimit-Limit"))
                .as("no limit to tell").isNull();
    }

    @Test
    void aProblemsData_isInTheDocument() {
        JsonNode invalid = get("/value", Outcome.refused(Problem.InvalidInput.of("cost", "must be 0 to 9"))).json();
        assertThat(invalid.at("/errors/0/field").asText()).isEqualTo("cost");
        assertThat(invalid.at("/errors/0/message").asText()).isEqualTo("must be 0 to 9");

        JsonNode rejected = get("/value", Outcome.refused(new Problem.PasswordRejected(List.of(
                Problem.PasswordRejected.Rule.CONTAINS_USERNAME, Problem.PasswordRejected.Rule.TOO_WEAK)))).json();
        assertThat(rejected.path("violations")).extracting(JsonNode::asText)
                .containsExactly("contains_username", "too_weak");

        JsonNode wrongCode = get("/value", Outcome.refused(Problem.CodeInvalid.withAttemptsLeft(2))).json();
        assertThat(wrongCode.path("attempts_left").asInt()).isEqualTo(2);
        assertThat(get("/value", Outcome.refused(Problem.CodeInvalid.withoutDetail())).json().has("attempts_left"))
                .isFalse();
    }

    @Test
    void theSecondStepsOfALogin_sayWhatTheNextStepTakes() {
        JsonNode required = get("/value", Outcome.refused(new Problem.MfaRequired("chal-1", NOW.plusSeconds(300)))).json();
        assertThat(required.path("challenge").asText()).isEqualTo("chal-1");
        assertThat(required.path("challenge_expires_at").asText()).isEqualTo("2026-01-05T09:05:00Z");
        assertThat(required.has("change_token")).isFalse();

        JsonNode enrol = get("/value", Outcome.refused(new Problem.MfaEnrolmentRequired("chal-2", NOW.plusSeconds(60))))
                .json();
        assertThat(enrol.path("challenge").asText()).isEqualTo("chal-2");
        assertThat(enrol.path("challenge_expires_at").asText()).isEqualTo("2026-01-05T09:01:00Z");

        JsonNode expired = get("/value", Outcome.refused(new Problem.PasswordExpired("change-1", NOW.plusSeconds(300))))
                .json();
        assertThat(expired.path("change_token").asText()).isEqualTo("change-1");
        assertThat(expired.path("change_token_expires_at").asText()).isEqualTo("2026-01-05T09:05:00Z");
        assertThat(expired.has("challenge")).isFalse();

        JsonNode wrong = get("/value", Outcome.refused(new Problem.MfaCodeInvalid(OptionalInt.of(3)))).json();
        assertThat(wrong.path("attempts_left").asInt()).isEqualTo(3);
        assertThat(get("/value", Outcome.refused(new Problem.MfaCodeInvalid(OptionalInt.empty()))).json()
                .has("attempts_left")).isFalse();

        Reply locked = get("/value", Outcome.refused(new Problem.MfaLocked(NOW.plusSeconds(900))));
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.header("Retry-After")).isEqualTo("900");
        assertThat(locked.json().path("locked_until").asText()).isEqualTo("2026-01-05T09:15:00Z");
        assertThat(locked.json().path("retry_after").asLong()).isEqualTo(900);
    }

    private Reply get(String path, Outcome<?> outcome) {
        next.set(outcome);
        return new RawHttp(server.port()).send("GET " + path + " HTTP/1.1");
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
                new Problem.ServiceBusy(Duration.ofSeconds(1)), new Problem.MfaRequired("chal-1", NOW.plusSeconds(300)),
                new Problem.MfaEnrolmentRequired("chal-2", NOW.plusSeconds(300)),
                new Problem.MfaCodeInvalid(OptionalInt.of(3)), new Problem.MfaLocked(NOW.plusSeconds(900)),
                new Problem.PasswordExpired("change-1", NOW.plusSeconds(300)))) {
            examples.put(problem.code(), problem);
        }
        assertThat(examples.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        return examples;
    }
}
