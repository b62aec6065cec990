package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Call;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.settings.ThrottleSettings;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code request_id} and {@code tags} of {@code POST /v1/keys/verify}, kept with the usage event,
 * and the pages of {@code GET /v1/users/usage/events} and {@code GET /v1/admin/users/{id}/usage/events};
 * input that breaks a rule is refused naming the field, and nothing is taken or recorded for it.
 */
class UsageEventRoutesTest {

    private static final String SERVICE_TOKEN = "svc_0123456789abcdefghijklmnopqrstuv";

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE),
            http -> http.withServiceToken(ServiceToken.of(SERVICE_TOKEN)), useCases -> useCases);
    private final ApiClient client = server.client;
    private final RawHttp raw = new RawHttp(server.api.port());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRequestIdAndTags_ofEachCall_arePagedNewestFirst_toTheUser_andToStaffWithUsersRead() {
        Registered ana = register("ana");
        verify(json("key", ana.key(), "request_id", "req-1", "tags", Map.of("tokens", "812", "model", "gpt-5")));
        server.clock.advance(Duration.ofSeconds(1));
        verify(json("key", ana.key(), "cost", 1));
        verify(json("key", ana.key(), "cost", 500, "request_id", "req-3"));
        verify(json("key", ana.key(), "cost", 0, "request_id", "not-recorded"));
        server.clock.advance(Duration.ofSeconds(1));
        verify(json("key", ana.key(), "request_id", "req-4", "tags", Map.of("model", "日本語 🙂 \"q\" \\")));
        server.usageSink.flush();

        List<JsonNode> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String next = "/v1/users/usage/events?limit=2";
        while (next != null) {
            Reply page = client.get(next).bearer(ana.session()).send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("items").forEach(seen::add);
            sizes.add(page.json().path("items").size());
            JsonNode cursor = page.json().path("next_cursor");
            next = cursor.isMissingNode() ? null : "/v1/users/usage/events?limit=2&cursor=" + cursor.asText();
        }

        assertThat(sizes).containsExactly(2, 2);
        assertThat(seen).extracting(event -> event.path("request_id").asText("-"))
                .containsExactly("req-4", "req-3", "-", "req-1");
        assertThat(seen.get(0).path("tags").path("model").asText()).isEqualTo("日本語 🙂 \"q\" \\");
        assertThat(seen.get(1).path("outcome").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(seen.get(1).path("cost").asLong()).isEqualTo(500);
        assertThat(seen.get(2).has("request_id")).isFalse();
        assertThat(seen.get(2).path("tags").isObject()).isTrue();
        assertThat(seen.get(2).path("tags")).isEmpty();
        assertThat(seen.get(3).path("tags").fieldNames()).toIterable().containsExactly("model", "tokens");
        assertThat(seen.get(3).path("key_id").asText()).isEqualTo(ana.keyId());
        assertThat(Instant.parse(seen.get(3).path("at").asText()))
                .isEqualTo(Instant.parse(seen.get(0).path("at").asText()).minusSeconds(2));

        String staff = server.staff(TenantId.DEFAULT, "sue", "support_new");
        Reply asStaff = client.get("/v1/admin/users/" + ana.id() + "/usage/events?limit=200").bearer(staff).send();
        assertThat(asStaff.status()).as(asStaff.body()).isEqualTo(200);
        assertThat(asStaff.json().path("items")).hasSize(4);
        assertThat(asStaff.json().has("next_cursor")).isFalse();
        assertThat(asStaff.json().at("/items/0")).isEqualTo(seen.get(0));
    }

    @Test
    void thePagesRefuseABadLimitOrCursor_anApiKey_andNoSession() {
        Registered ben = register("ben");

        // the first three break the document's bounds, the cursors only the use case's rules
        for (String query : List.of("limit=0", "limit=201", "limit=ten", "cursor=not-a-cursor", "cursor=" + "x".repeat(40))) {
            Call call = client.get("/v1/users/usage/events?" + query).bearer(ben.session());
            Reply reply = (query.startsWith("limit") ? call.breakingDocument() : call).send();
            assertProblem(reply, 422, "VALIDATION_FAILED");
            assertThat(reply.json().at("/errors/0/field").asText()).as(query).isEqualTo(query.substring(0,
                    query.indexOf('=')));
        }
        assertProblem(client.get("/v1/users/usage/events").bearer(ben.key()).send(), 401,
                "INVALID_TOKEN");
        assertProblem(client.get("/v1/users/usage/events").breakingDocument().send(), 401, "UNAUTHENTICATED");
        String staff = server.staff(TenantId.DEFAULT, "sam", "support");
        assertProblem(client.get("/v1/admin/users/" + ben.id() + "/usage/events?cursor=nope").bearer(staff).send(),
                422, "VALIDATION_FAILED");
        assertProblem(client.get("/v1/admin/users/00000000-0000-0000-0000-000000000001/usage/events").bearer(staff)
                .send(), 404, "USER_NOT_FOUND");
    }

    @Test
    void aRequestIdOrTagsBreakingARule_isRefusedNamingTheField_andNothingIsTakenOrRecorded() {
        Registered cleo = register("cleo");
        Map<String, String> nine = new LinkedHashMap<>();
        Map<String, String> heavy = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("t" + i, "v");
        }
        for (int i = 0; i < 8; i++) {
            heavy.put("t" + i, "€".repeat(128));
        }
        Map<String, String> refusedBy = new LinkedHashMap<>();
        // the document's schema cannot say these: names, control characters, surrogates, the whole size
        Map<String, String> refusedByTheUseCase = new LinkedHashMap<>();
        String key = "\"key\": \"" + cleo.key() + "\"";
        refusedBy.put("{" + key + ", \"request_id\": \"\"}", "request_id");
        refusedBy.put("{" + key + ", \"request_id\": \"two words\"}", "request_id");
        refusedBy.put("{" + key + ", \"request_id\": \"" + "r".repeat(129) + "\"}", "request_id");
        refusedBy.put("{" + key + ", \"request_id\": \"caf\u00e9\"}", "request_id");
        refusedBy.put("{" + key + ", \"request_id\": \"tab\\there\"}", "request_id");
        refusedBy.put("{" + key + ", \"request_id\": 42}", "request_id");
        refusedBy.put(json("key", cleo.key(), "tags", nine), "tags");
        refusedByTheUseCase.put(json("key", cleo.key(), "tags", heavy), "tags");
        refusedByTheUseCase.put("{" + key + ", \"tags\": {\"Model\": \"x\"}}", "tags");
        refusedByTheUseCase.put("{" + key + ", \"tags\": {\"9lives\": \"x\"}}", "tags");
        refusedByTheUseCase.put("{" + key + ", \"tags\": {\"" + "m".repeat(33) + "\": \"x\"}}", "tags");
        refusedBy.put("{" + key + ", \"tags\": {\"model\": \"\"}}", "tags.model");
        refusedBy.put("{" + key + ", \"tags\": {\"model\": \"" + "x".repeat(129) + "\"}}", "tags.model");
        refusedBy.put("{" + key + ", \"tags\": {\"model\": \"" + "🙂".repeat(129) + "\"}}", "tags.model");
        refusedByTheUseCase.put("{" + key + ", \"tags\": {\"model\": \"a\\u0000b\"}}", "tags.model");
        refusedByTheUseCase.put("{" + key + ", \"tags\": {\"model\": \"line\\nbreak\"}}", "tags.model");
        refusedBy.put("{" + key + ", \"tags\": {\"model\": null}}", "tags.model");
        refusedByTheUseCase.put("{" + key + ", \"tags\": {\"model\": \"lone \\ud83d\"}}", "tags.model");
        refusedByTheUseCase.put("{" + key + ", \"tags\": {\"model\": \"\\ude00 low first\"}}", "tags.model");
        refusedBy.put("{" + key + ", \"tags\": {\"tokens\": 812}}", "tags.tokens");
        refusedBy.put("{" + key + ", \"tags\": [\"model\"]}", "tags");
        refusedBy.put("{" + key + ", \"tags\": \"model=x\"}", "tags");

        refusedBy.forEach((body, field) -> assertRefused(
                client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json(body).breakingDocument(), body, field));
        refusedByTheUseCase.forEach((body, field) -> assertRefused(
                client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json(body), body, field));
        // text that is no UTF-8 at all never reaches the use case
        for (int[] invalid : List.of(new int[] {0xC0, 0xAF}, new int[] {0xED, 0xA0, 0x80}, new int[] {0xFF})) {
            RawHttp.Reply reply = raw.send("POST /v1/keys/verify HTTP/1.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + SERVICE_TOKEN, bytes("{" + key + ", \"tags\": {\"model\": \"a", invalid,
                    "\"}}"));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("MALFORMED_REQUEST");
        }
        server.usageSink.flush();

        assertThat(client.get("/v1/users/usage/events").bearer(cleo.session()).send().json().path("items")).isEmpty();
        assertThat(client.get("/v1/users/usage").bearer(cleo.session()).send().json()
                .at("/meters/credits/remaining").asLong()).isEqualTo(10);
        Reply atTheLimits = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json(json("key", cleo.key(),
                "request_id", "~".repeat(128), "tags", Map.of("a", "🙂".repeat(128), "b.c-d_9" + "e".repeat(24), "x")))
                .send();
        assertThat(atTheLimits.json().path("valid").asBoolean()).as(atTheLimits.body()).isTrue();
    }

    private static void assertRefused(Call call, String body, String field) {
        Reply reply = call.send();
        assertProblem(reply, 422, "VALIDATION_FAILED");
        assertThat(reply.json().path("errors").findValuesAsText("field")).as(body).containsExactly(field);
        assertThat(reply.body()).as("the offending text is not echoed").doesNotContain("two words", "€€€", "9lives");
    }

    private record Registered(String id, String key, String keyId, String session) {
    }

    private Registered register(String name) {
        Reply registered = client.post("/v1/users/register").json(json("username", name, "email",
                name + "@example.com", "password", PASSWORD)).send();
        String session = server.login(name, PASSWORD);
        client.post("/v1/email/verify").bearer(session).json(json("code", server.lastCode(name + "@example.com")))
                .send();
        return new Registered(registered.json().at("/user/id").asText(), registered.json().at("/api_key/key").asText(),
                registered.json().at("/api_key/id").asText(), server.login(name, PASSWORD));
    }

    private void verify(String body) {
        Reply reply = client.post("/v1/keys/verify").bearer(SERVICE_TOKEN).json(body).send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
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
}
