package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.http.ApiClient.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are read strictly: text must be well-formed UTF-8 and valid Unicode (no
 * unpaired surrogate escapes), and whole-number fields take whole numbers only, never a
 * fraction truncated or a string coerced.
 */
class StrictBodiesTest {

    private static final String SERVICE_TOKEN = "svc_0123456789abcdefghijklmnopqrstuv";

    private final ServerFixture server = new ServerFixture(UnaryOperator.identity(),
            http -> http.withServiceToken(ServiceToken.of(SERVICE_TOKEN)), useCases -> useCases);
    private final ApiClient client = server.client;
    private final RawHttp raw = new RawHttp(server.api.port());

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(String before, int[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : middle) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private RawHttp.Reply postRaw(String path, byte[] body) {
        return raw.send("POST " + path + " HTTP/1.1\r\nContent-Type: application/json", body);
    }

    private static void assertRawProblem(RawHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
    }

    @Test
    void malformedUtf8_anywhereInTheBody_isABadRequest_neverDecodedOrReplaced() {
        server.signedIn("amy");
        // C0 AF is an overlong '/', ED A0 80 an encoded surrogate, FF no UTF-8 at all, C3 a cut-off sequence
        for (int[] invalid : List.of(new int[] {0xC0, 0xAF}, new int[] {0xED, 0xA0, 0x80}, new int[] {0xFF},
                new int[] {0xC3})) {
            RawHttp.Reply inString = postRaw("/v1/users/login",
                    bytes("{\"login\": \"amy", invalid, "\", \"password\": \"" + PASSWORD + "\"}"));
            assertRawProblem(inString, 400, "MALFORMED_REQUEST");
            assertThat(inString.json().path("detail").asText()).contains("UTF-8");
            assertRawProblem(postRaw("/v1/users/login", bytes("{\"login\": \"amy\"", invalid, "}")), 400,
                    "MALFORMED_REQUEST");
        }
        // the same request in proper UTF-8 passes
        assertThat(postRaw("/v1/users/login", ("{\"login\": \"amy\", \"password\": \"" + PASSWORD + "\"}")
                .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
    }

    @Test
    void anOverlongSlash_doesNotReachTheUseCase() {
        Reply registered = client.post("/v1/users/register").json(json("username", "dee", "email", "d/e@example.com",
                "password", PASSWORD)).send();
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        // "d" C0 AF "e@example.com" was decoded as "d/e@example.com" and logged in
        RawHttp.Reply reply = postRaw("/v1/users/login", bytes("{\"login\": \"d", new int[] {0xC0, 0xAF},
                "e@example.com\", \"password\": \"" + PASSWORD + "\"}"));
        assertRawProblem(reply, 400, "MALFORMED_REQUEST");
    }

    @Test
    void anUnpairedSurrogateEscape_inAnyField_isRefused_namingTheField() {
        String token = server.signedIn("bea");
        Reply password = client.post("/v1/users/login").json("{\"login\": \"bea\", \"password\": \"x\\ud800\"}").send();
        assertProblem(password, 422, "VALIDATION_FAILED");
        assertThat(password.json().path("errors").findValuesAsText("field")).containsExactly("password");

        Reply lowFirst = client.post("/v1/users/register")
                .json("{\"username\": \"bob\", \"email\": \"bob@example.com\", \"password\": \"" + PASSWORD
                        + "\", \"name\": \"\\udc00\\ud800\"}").send();
        assertProblem(lowFirst, 422, "VALIDATION_FAILED");
        assertThat(lowFirst.json().path("errors").findValuesAsText("field")).containsExactly("name");

        Reply hobby = client.put("/v1/users/profile").bearer(token)
                .json("{\"hobbies\": [\"chess\", \"go\\ud83d\"]}").send();
        assertProblem(hobby, 422, "VALIDATION_FAILED");
        assertThat(hobby.json().path("errors").findValuesAsText("field")).containsExactly("hobbies[1]");
        assertThat(client.get("/v1/users/profile").bearer(token).send().json().path("hobbies")).isEmpty();

        // a pair is a character like any other
        Reply paired = client.put("/v1/users/profile").bearer(token).json("{\"name\": \"Bea \\ud83d\\ude00\"}").send();
        assertThat(paired.status()).as(paired.body()).isEqualTo(200);
        assertThat(paired.json().path("name").asText()).isEqualTo("Bea \uD83D\uDE00");
    }

    @Test
    void aFraction_inAnyWholeNumberField_isRefused_namingTheField_andTakesNothing() {
        Reply registered = client.post("/v1/users/register").json(json("username", "cal", "email", "cal@example.com",
                "password", PASSWORD)).send();
        String id = registered.json().at("/user/id").asText();
        String key = registered.json().at("/api_key/key").asText();
        client.post("/v1/email/verify").bearer(server.login("cal", PASSWORD))
                .json(json("code", server.lastCode("cal@example.com"))).send();
        for (String cost : List.of("1.5", "1.0", "1e0", "\"1\"", "true", "9223372036854775808")) {
            Reply reply = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN)
                    .json("{\"key\": \"" + key + "\", \"cost\": " + cost + "}").breakingDocument().send();
            assertProblem(reply, 422, "VALIDATION_FAILED");
            assertThat(reply.json().path("errors").findValuesAsText("field")).as(cost).containsExactly("cost");
        }
        String subscription = "/v1/billing/users/" + id + "/subscription";
        Reply topUp = client.post("/v1/billing/users/" + id + "/top-ups").bearer(SERVICE_TOKEN)
                .json("{\"meter\": \"credits\", \"amount\": 2.5}").breakingDocument().send();
        assertProblem(topUp, 422, "VALIDATION_FAILED");
        assertThat(topUp.json().path("errors").findValuesAsText("field")).containsExactly("amount");
        Reply override = client.put(subscription).bearer(SERVICE_TOKEN)
                .json("{\"plan\": \"premium\", \"allowance_overrides\": {\"credits\": 2.5}}").breakingDocument().send();
        assertProblem(override, 422, "VALIDATION_FAILED");
        assertThat(override.json().path("errors").findValuesAsText("field")).containsExactly("allowance_overrides.credits");
        Reply rate = client.put(subscription).bearer(SERVICE_TOKEN)
                .json("{\"plan\": \"premium\", \"rate_limit_override\": 7.5}").breakingDocument().send();
        assertProblem(rate, 422, "VALIDATION_FAILED");
        assertThat(rate.json().path("errors").findValuesAsText("field")).containsExactly("rate_limit_override");
        Reply tooLarge = client.put(subscription).bearer(SERVICE_TOKEN)
                .json("{\"plan\": \"premium\", \"rate_limit_override\": 2147483648}").breakingDocument().send();
        assertProblem(tooLarge, 422, "VALIDATION_FAILED");
        assertThat(tooLarge.json().path("errors").findValuesAsText("field")).containsExactly("rate_limit_override");

        assertThat(client.get(subscription).bearer(SERVICE_TOKEN).send().json().path("plan").asText())
                .isEqualTo("free");
        Reply whole = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json("{\"key\": \"" + key + "\", \"cost\": 2}")
                .send();
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.json().path("valid").asBoolean()).as(whole.body()).isTrue();
        assertThat(whole.json().at("/meters/credits/remaining").asLong()).isEqualTo(8);
    }
}
