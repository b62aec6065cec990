package dev.tollgate.adapter.http;

import static dev.tollgate.adapter.http.ApiClient.json;
import static dev.tollgate.adapter.http.ErrorResponsesTest.assertProblem;
import static dev.tollgate.adapter.http.ServerFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.adapter.http.ApiClient.Reply;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.settings.ThrottleSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin lists over HTTP: keyset pages, filters, counts, and what a bad parameter is. */
class AdminListsTest {

    private static final int USERS = 300;

    private final ServerFixture server = new ServerFixture(core -> core.withThrottles(ThrottleSettings.NONE),
            UnaryOperator.identity(), UnaryOperator.identity());
    private final ApiClient client = server.client;
    private final String root = server.staff(TenantId.DEFAULT, "root", "super_admin");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pagingBySeven_givesEveryUserExactlyOnce_andTheLastPageHasNoCursor() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < USERS; i++) {
            expected.add(server.core.registration().register(new Registration(TenantId.DEFAULT, "user" + i,
                    "user" + i + "@example.com", PASSWORD, null, null, RequestContext.NONE)).orElseThrow().user().id()
                    .toString());
        }
        for (String sort : List.of("created", "username", "last_login")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Reply page = client.get("/v1/admin/users?limit=7&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                        .bearer(root).send();
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                assertThat(page.json().path("items").size()).isLessThanOrEqualTo(7);
                assertThat(page.json().has("total")).isFalse();
                page.json().path("items").forEach(row -> seen.add(row.at("/user/id").asText()));
                JsonNode next = page.json().path("next_cursor");
                cursor = next.isMissingNode() ? null : next.asText();
                pages++;
            } while (cursor != null && pages < 100);
            assertThat(seen).as(sort).doesNotHaveDuplicates().hasSize(USERS + 1).containsAll(expected);
        }
    }

    @Test
    void countTrue_addsTheTotal_andFiltersNarrowIt() {
        for (String name : List.of("anna", "annabel", "bert")) {
            server.member(TenantId.DEFAULT, name);
        }

        Reply counted = client.get("/v1/admin/users?q=ANN&count=true").bearer(root).send();

        assertThat(counted.status()).as(counted.body()).isEqualTo(200);
        assertThat(counted.json().path("total").asLong()).isEqualTo(2);
        assertThat(counted.json().has("next_cursor")).isFalse();
        List<String> names = new ArrayList<>();
        counted.json().path("items").forEach(row -> names.add(row.at("/user/username").asText()));
        assertThat(names).containsExactlyInAnyOrder("anna", "annabel");
        Reply byName = client.get("/v1/admin/users?sort=username&order=asc&verified=true").bearer(root).send();
        assertThat(byName.json().at("/items/0/user/username").asText()).isEqualTo("anna");
    }

    @Test
    void aTamperedCursor_andBadParameters_areInvalid_namingTheParameter() {
        server.member(TenantId.DEFAULT, "anna");
        server.member(TenantId.DEFAULT, "bert");
        String cursor = client.get("/v1/admin/users?limit=1").bearer(root).send().json().path("next_cursor").asText();
        String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");

        assertProblem(client.get("/v1/admin/users?limit=1&cursor=" + URLEncoder.encode(tampered, StandardCharsets.UTF_8))
                .bearer(root).send(), 422, "VALIDATION_FAILED");
        assertProblem(client.get("/v1/admin/users?cursor=garbage").bearer(root).send(), 422, "VALIDATION_FAILED");
        Reply tooMany = client.get("/v1/admin/users?limit=500").bearer(root).breakingDocument().send();
        assertProblem(tooMany, 422, "VALIDATION_FAILED");
        assertThat(tooMany.json().at("/errors/0/field").asText()).isEqualTo("limit");
        Reply badDate = client.get("/v1/admin/users?created_from=yesterday&status=gone").bearer(root)
                .breakingDocument().send();
        assertProblem(badDate, 422, "VALIDATION_FAILED");
        assertThat(badDate.json().path("errors").toString()).contains("created_from", "status");
    }

    @Test
    void theAudit_filtersByTypeAndSubject_newestFirst() {
        server.member(TenantId.DEFAULT, "anna");
        client.post("/v1/users/login").json(json("login", "anna", "password", "wrong-Password-1")).send();

        Reply failedLogins = client.get("/v1/admin/audit?type=login&outcome=failure").bearer(root).send();

        assertThat(failedLogins.status()).as(failedLogins.body()).isEqualTo(200);
        assertThat(failedLogins.json().path("items").size()).isGreaterThanOrEqualTo(1);
        failedLogins.json().path("items").forEach(event -> {
            assertThat(event.path("type").asText()).isEqualTo("login");
            assertThat(event.path("outcome").asText()).isEqualTo("failure");
        });
        // a repeated parameter, which the document describes in words only: its validator takes a string parameter once
        Reply several = client.get("/v1/admin/audit?type=login,user_registered&type=email_verified").bearer(root)
                .breakingDocument().send();
        assertThat(several.status()).as(several.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        several.json().path("items").forEach(event -> {
            types.add(event.path("type").asText());
            ids.add(event.path("id").asText());
        });
        assertThat(types).contains("login", "user_registered", "email_verified")
                .allMatch(type -> List.of("login", "user_registered", "email_verified").contains(type));
        assertThat(ids).isSortedAccordingTo(Comparator.<String, UUID>comparing(UUID::fromString)
                .reversed());
        assertProblem(client.get("/v1/admin/audit?type=nonsense").bearer(root).send(), 422, "VALIDATION_FAILED");
    }

    @Test
    void theStats_answerEveryStatus() {
        server.member(TenantId.DEFAULT, "anna");

        Reply stats = client.get("/v1/admin/stats?top=3").bearer(root).send();

        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        assertThat(stats.json().path("by_status").has("active")).isTrue();
        assertThat(stats.json().path("by_status").has("suspended")).isTrue();
        assertThat(stats.json().path("registrations").size()).isEqualTo(30);
        assertProblem(client.get("/v1/admin/stats?from=2026-02-01&to=2026-01-01").bearer(root).send(), 422,
                "VALIDATION_FAILED");
    }
}
