package dev.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.adapter.http.internal.TransportError;
import dev.tollgate.port.Permission;
import dev.tollgate.port.api.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document: complete, 3.1, and written so the validator can check it fully. */
class OpenApiDocumentTest {

    private static final Set<String> OPERATIONS = Set.of(
            "POST /v1/users/register", "POST /v1/users/login", "POST /v1/users/refresh", "POST /v1/users/logout",
            "GET /v1/users/profile", "PUT /v1/users/profile", "GET /v1/users/sessions",
            "DELETE /v1/users/sessions/{id}", "PUT /v1/users/email", "PUT /v1/users/password",
            "POST /v1/users/password-reset/request", "POST /v1/users/password-reset/confirm",
            "DELETE /v1/users/account", "GET /v1/users/api-key", "POST /v1/users/api-key/reveal",
            "POST /v1/users/api-key/regenerate", "GET /v1/users/api-keys", "POST /v1/users/api-keys",
            "DELETE /v1/users/api-keys/{id}", "GET /v1/users/usage", "GET /v1/users/usage/events", "POST /v1/keys/verify",
            "GET /v1/billing/users/{id}/subscription", "PUT /v1/billing/users/{id}/subscription",
            "POST /v1/billing/users/{id}/top-ups",
            "POST /v1/email/send-verification", "POST /v1/email/verify",
            "POST /v1/email/resend", "GET /v1/email/status",
            "POST /v1/email/verify/resend", "DELETE /v1/users/email/pending",
            "GET /v1/admin/users", "GET /v1/admin/users/{id}", "PATCH /v1/admin/users/{id}",
            "DELETE /v1/admin/users/{id}", "POST /v1/admin/users/{id}/suspend", "POST /v1/admin/users/{id}/activate",
            "POST /v1/admin/users/{id}/deactivate", "POST /v1/admin/users/{id}/unlock",
            "POST /v1/admin/users/{id}/reset-password", "POST /v1/admin/users/{id}/logout-everywhere",
            "POST /v1/admin/users/{id}/credits", "GET /v1/admin/users/{id}/usage/events", "GET /v1/admin/stats", "GET /v1/admin/audit",
            "GET /v1/admin/staff", "POST /v1/admin/staff", "PATCH /v1/admin/staff/{user_id}",
            "DELETE /v1/admin/staff/{user_id}", "GET /v1/admin/tenants", "POST /v1/admin/tenants",
            "GET /v1/admin/tenants/{id}", "PATCH /v1/admin/tenants/{id}", "POST /v1/admin/tenants/{id}/disable",
            "POST /v1/admin/tenants/{id}/enable", "GET /v1/admin/service-accounts", "POST /v1/admin/service-accounts",
            "DELETE /v1/admin/service-accounts/{id}", "POST /v1/admin/setup",
            "POST /v1/users/login/mfa", "POST /v1/users/login/mfa/totp", "POST /v1/users/password/expired",
            "GET /v1/users/devices", "GET /v1/users/mfa", "POST /v1/users/mfa/totp", "DELETE /v1/users/mfa/totp",
            "POST /v1/users/mfa/totp/confirm", "POST /v1/users/mfa/recovery-codes", "PATCH /v1/users/api-keys/{id}",
            "POST /v1/admin/users/{id}/mfa/reset", "GET /v1/admin/ip-rules", "POST /v1/admin/ip-rules",
            "DELETE /v1/admin/ip-rules/{id}",
            "GET /health", "GET /ready", "GET /metrics",
            "GET /openapi.json", "GET /docs", "GET /docs/{asset}");

    private final ServerFixture server = new ServerFixture();
    private final JsonNode document = server.client.get("/openapi.json").send().json();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void isOpenApi31_withTheRunningVersion_andEveryRoute() {
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/info/version").asText()).isEqualTo("1.2.3-test");
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(OPERATIONS);
        assertThat(document.at("/components/securitySchemes/sessionToken/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/components/securitySchemes/serviceToken/scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/paths/~1v1~1keys~1verify/post/security/0").has("serviceToken")).isTrue();
        assertThat(document.at("/paths/~1v1~1keys~1verify/post/security/1").has("serviceAccountKey")).isTrue();
    }

    @Test
    void everyRouteTheServerServes_isDocumented() {
        Set<String> documented = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(server.api.routes()).isNotEmpty().allMatch(documented::contains);
        assertThat(documented).allMatch(server.api.routes()::contains);
    }

    @Test
    void everyAdminOperation_namesItsPermission_inTheExtensionAndTheDescription() {
        Set<String> permissions = new TreeSet<>();
        Arrays.stream(Permission.values()).forEach(permission -> permissions.add(permission.id()));
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!path.getKey().startsWith("/v1/admin/") || path.getKey().equals("/v1/admin/setup")) {
                return;
            }
            String name = op.getKey() + " " + path.getKey();
            JsonNode named = op.getValue().path("x-tollgate-permission");
            assertThat(named.isArray() && named.size() > 0).as(name).isTrue();
            named.forEach(permission -> {
                assertThat(permissions).as(name).contains(permission.asText());
                assertThat(op.getValue().path("description").asText()).as(name).contains(permission.asText());
            });
            assertThat(op.getValue().path("parameters").toString()).as(name).contains("TenantHeader");
        }));
        assertThat(document.at("/paths/~1v1~1admin~1setup/post/security").isArray()).isFalse();
    }

    @Test
    void everyV1Operation_documentsItsErrors_asProblemDocuments() {
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!path.getKey().startsWith("/v1/")) {
                return;
            }
            JsonNode responses = op.getValue().path("responses");
            String name = op.getKey() + " " + path.getKey();
            assertThat(responses.has("500")).as(name).isTrue();
            assertThat(responses.has("503")).as(name).isTrue();
            if (op.getValue().has("requestBody")) {
                assertThat(List.of("400", "413", "415", "422")).as(name).allMatch(responses::has);
            }
            if (op.getValue().path("security").size() > 0) {
                assertThat(responses.has("401")).as(name).isTrue();
            }
            responses.fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    String ref = response.getValue().path("$ref").asText();
                    JsonNode resolved = document.at(ref.substring(1));
                    assertThat(resolved.at("/content/application~1problem+json/schema/$ref").asText()).as(name)
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
        }));
    }

    @Test
    void everyOperationTheNetworkGateJudges_documents403IpBlocked() {
        // what NetworkGate exempts: the probes, the metrics and the key verification (which judges client_ip itself)
        Set<String> exempt = Set.of("GET /health", "GET /ready", "GET /metrics", "POST /v1/keys/verify");
        List<String> judged = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            if (exempt.contains(name)) {
                return;
            }
            judged.add(name);
            JsonNode forbidden = op.getValue().at("/responses/403");
            assertThat(forbidden.path("$ref").asText()).as(name).startsWith("#/components/responses/");
            assertThat(document.at(forbidden.path("$ref").asText().substring(1)).path("description").asText()).as(name)
                    .contains("IP_BLOCKED");
        }));
        assertThat(judged).hasSize(OPERATIONS.size() - exempt.size());
    }

    @Test
    void problemCodes_areExactlyTheErrorCodesAndTransportErrors() {
        List<String> documented = new ArrayList<>();
        document.at("/components/schemas/Problem/properties/code/enum").forEach(code -> documented.add(code.asText()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(Stream.concat(Arrays.stream(ErrorCode.values()),
                Arrays.stream(TransportError.values())).map(Enum::name).toList());
    }

    @Test
    void usesOnlyKeywordsThatMeanTheSameIn30And31() {
        List<String> found = new ArrayList<>();
        walk(document, "", found);
        assertThat(found).as("3.1-only or 3.0-only constructs").isEmpty();
    }

    @Test
    void validator_findsTypeErrorsOnlyInThe30View_whichIsWhyBothViewsAreChecked() throws Exception {
        String served = ApiClient.JSON.writeValueAsString(document);
        ObjectNode strict = document.deepCopy();
        strict.put("openapi", "3.0.3");
        OpenApiInteractionValidator asServed = OpenApiInteractionValidator.createForInlineApiSpecification(served).build();
        OpenApiInteractionValidator as30 = OpenApiInteractionValidator
                .createForInlineApiSpecification(ApiClient.JSON.writeValueAsString(strict)).build();
        SimpleResponse wrongType = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"status\": \"up\", \"version\": 123}").build();
        SimpleResponse missingField = SimpleResponse.Builder.status(200).withContentType("application/json")
                .withBody("{\"status\": \"up\"}").build();

        assertThat(as30.validateResponse("/health", Request.Method.GET, wrongType).getMessages()).isNotEmpty();
        assertThat(asServed.validateResponse("/health", Request.Method.GET, wrongType).getMessages())
                .as("validator 2.44.9 ignores 'type' in a 3.1 document").isEmpty();
        assertThat(asServed.validateResponse("/health", Request.Method.GET, missingField).getMessages()).isNotEmpty();
        assertThat(as30.validateResponse("/health", Request.Method.GET, missingField).getMessages()).isNotEmpty();
    }

    private static void walk(JsonNode node, String where, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String key = field.getKey();
                JsonNode value = field.getValue();
                boolean inProperties = where.endsWith("/properties") || where.endsWith("/schemas")
                        || where.endsWith("/paths") || where.endsWith("/responses") || where.endsWith("/headers")
                        || where.endsWith("/securitySchemes") || where.endsWith("/content");
                if (!inProperties && (Set.of("nullable", "const", "examples", "webhooks", "jsonSchemaDialect",
                        "$schema", "prefixItems", "unevaluatedProperties", "if", "then", "dependentRequired",
                        "patternProperties", "contentMediaType", "exclusiveMinimum", "exclusiveMaximum").contains(key)
                        || (key.equals("type") && value.isArray()))) {
                    found.add(where + "/" + key);
                }
                walk(value, where + "/" + key, found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "[" + i + "]", found);
            }
        }
    }
}
