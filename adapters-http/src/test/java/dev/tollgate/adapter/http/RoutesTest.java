package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The success path of each session route not covered by the account flow. */
class RoutesTest {

    private final ServerFixture server = new ServerFixture();
    private final ApiClient client = server.client;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void logout_endsOnlyThisSession_andAllEndsEvery() {
        String first = server.signedIn("bob");
        String second = server.login("bob", PASSWORD);
        String third = server.login("bob", PASSWORD);

        assertThat(client.post("/v1/users/logout").bearer(first).send().status()).isEqualTo(204);
        assertThat(client.get("/v1/users/profile").bearer(first).send().status()).isEqualTo(401);
        assertThat(client.get("/v1/users/profile").bearer(second).send().status()).isEqualTo(200);

        assertThat(client.post("/v1/users/logout?all=true").bearer(second).send().status()).isEqualTo(204);
        assertThat(client.get("/v1/users/profile").bearer(third).send().status()).isEqualTo(401);
    }

    @Test
    void profile_isViewedAndPartlyUpdated() {
        String token = server.signedIn("carol");
        Reply viewed = client.get("/v1/users/profile").bearer(token).send();
        assertThat(viewed.status()).isEqualTo(200);
        assertThat(viewed.json().path("username").asText()).isEqualTo("carol");
        assertThat(viewed.json().path("account_type").asText()).isEqualTo("personal");
        assertThat(viewed.json().has("name")).isFalse();

        Reply updated = client.put("/v1/users/profile").bearer(token).json("{\"name\":\"Carol C\",\"about_me\":\"Hi\","
                + "\"hobbies\":[\"chess\",\"rowing\"],\"account_type\":\"business\"}").send();
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("hobbies")).hasSize(2);

        Reply partly = client.put("/v1/users/profile").bearer(token).json(json("about_me", "Hello again")).send();
        assertThat(partly.json().path("name").asText()).isEqualTo("Carol C");
        assertThat(partly.json().path("about_me").asText()).isEqualTo("Hello again");
        assertThat(partly.json().path("account_type").asText()).isEqualTo("business");
    }

    @Test
    void sessions_areListedWithTheCurrentOneMarked_andRevoked() {
        String older = server.signedIn("dave");
        String current = server.login("dave", PASSWORD);

        Reply listed = client.get("/v1/users/sessions").bearer(current).header("User-Agent", "FlowTest/1").send();
        assertThat(listed.status()).isEqualTo(200);
        List<JsonNode> sessions = new ArrayList<>();
        listed.json().path("sessions").forEach(sessions::add);
        assertThat(sessions).hasSize(2);
        assertThat(sessions).filteredOn(session -> session.path("current").asBoolean()).hasSize(1);
        assertThat(sessions.get(0).path("ip").asText()).isEqualTo("127.0.0.1");

        String olderId = sessions.stream().filter(session -> !session.path("current").asBoolean()).findFirst()
                .orElseThrow().path("id").asText();
        assertThat(client.delete("/v1/users/sessions/" + olderId).bearer(current).send().status()).isEqualTo(204);
        assertThat(client.get("/v1/users/profile").bearer(older).send().status()).isEqualTo(401);
        assertThat(client.get("/v1/users/sessions").bearer(current).send().json().path("sessions")).hasSize(1);
    }

    @Test
    void verificationCodes_areSentResentAndReported() {
        String token = server.signedIn("erin");
        Reply status = client.get("/v1/email/status").bearer(token).send();
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("verified").asBoolean()).isFalse();
        assertThat(status.json().path("code_pending").asBoolean()).isTrue();

        Reply sent = client.post("/v1/email/send-verification").bearer(token).send();
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().path("sent_to").asText()).isEqualTo("erin@example.com");
        assertThat(sent.json().path("delivered").asBoolean()).isTrue();

        Reply resent = client.post("/v1/email/resend").bearer(token).send();
        assertThat(resent.status()).isEqualTo(200);
        assertThat(client.post("/v1/email/verify").bearer(token).json(json("code", server.lastCode("erin@example.com")))
                .send().status()).isEqualTo(200);

        Reply verified = client.get("/v1/email/status").bearer(token).send();
        assertThat(verified.json().path("verified").asBoolean()).isTrue();
        assertThat(verified.json().path("code_pending").asBoolean()).isFalse();
    }

    @Test
    void passwordResetRequest_answersTheSameForAnUnknownAddress() {
        server.signedIn("fay");
        Reply known = client.post("/v1/users/password-reset/request").json(json("email", "fay@example.com")).send();
        Reply unknown = client.post("/v1/users/password-reset/request").json(json("email", "nobody@example.com")).send();
        assertThat(known.status()).isEqualTo(202).isEqualTo(unknown.status());
        assertThat(known.body()).isEqualTo(unknown.body());
    }
}
