package dev.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every HTTP call of the tests goes through here: it sends the request for real and checks
 * the exchange against the OpenAPI document the server itself serves at {@code /openapi.json}.
 *
 * <p>The document is checked twice, because the Atlassian validator (2.44.9) reads an
 * {@code openapi: 3.1.0} document but then does not check {@code type} keywords: once as
 * served, and once as the same document labelled {@code 3.0.3}, which the validator checks
 * fully. The document uses only keywords that mean the same in 3.0 and 3.1 (see
 * {@code OpenApiDocumentTest}), so both views describe the same API.
 *
 * <p>A call is one of three kinds: a conforming request, whose request and response must both
 * match; a request that deliberately breaks the document ({@link Call#breakingDocument()}),
 * which the strict view must reject while the response must still match; and a request to no
 * documented operation ({@link Call#outsideDocument()}: unknown paths, wrong methods, CORS
 * preflights), which the validator must reject as undocumented.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // each call on its own connection, so stopping a server never waits for an idle keep-alive one
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "connection");
    }

    private static final Map<String, OpenApiInteractionValidator[]> VALIDATORS = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private OpenApiInteractionValidator[] validators;

    ApiClient(int port) {
        this("127.0.0.1", port);
    }

    /** A client of the server at {@code host} ({@code [::1]} for IPv6) and {@code port}. */
    ApiClient(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    Call get(String path) {
        return new Call("GET", path);
    }

    Call post(String path) {
        return new Call("POST", path);
    }

    Call put(String path) {
        return new Call("PUT", path);
    }

    Call delete(String path) {
        return new Call("DELETE", path);
    }

    Call method(String method, String path) {
        return new Call(method, path);
    }

    /** Builds the body JSON from name/value pairs, in order. */
    static String json(Object... nameValuePairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            body.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private synchronized OpenApiInteractionValidator[] validators() {
        if (validators == null) {
            Reply document = exchange(new Call("GET", "/openapi.json"));
            validators = VALIDATORS.computeIfAbsent(document.body(), ApiClient::validatorsFor);
            check(new Call("GET", "/openapi.json"), document);
        }
        return validators;
    }

    private static OpenApiInteractionValidator[] validatorsFor(String served) {
        try {
            ObjectNode strict = (ObjectNode) JSON.readTree(served);
            strict.put("openapi", "3.0.3");
            return new OpenApiInteractionValidator[] {
                OpenApiInteractionValidator.createForInlineApiSpecification(served).build(),
                OpenApiInteractionValidator.createForInlineApiSpecification(JSON.writeValueAsString(strict)).build()
            };
        } catch (IOException malformed) {
            throw new UncheckedIOException(malformed);
        }
    }

    private Reply exchange(Call call) {
        HttpRequest.BodyPublisher body = call.body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(call.body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path))
                .timeout(Duration.ofSeconds(10))
                .method(call.method, body);
        request.header("Connection", "close");
        call.headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private void check(Call call, Reply reply) {
        OpenApiInteractionValidator[] views = validators();
        Request request = call.asValidatorRequest();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status()).withBody(reply.body());
        reply.headers().forEach((name, values) -> response.withHeader(name, values));
        SimpleResponse built = response.build();
        String what = call.method + " " + call.path + " -> " + reply.status() + " " + reply.body();
        switch (call.kind) {
            case CONFORMING -> {
                for (OpenApiInteractionValidator view : views) {
                    ValidationReport report = view.validate(request, built);
                    assertThat(report.getMessages()).as("conformance of %s", what).isEmpty();
                }
            }
            case BREAKING -> {
                // the validator passes a body that is not JSON at all; such a body breaks any document
                if (call.body == null || parses(call.body)) {
                    assertThat(views[1].validateRequest(request).getMessages())
                            .as("the document should reject the request of %s", what).isNotEmpty();
                }
                for (OpenApiInteractionValidator view : views) {
                    assertThat(view.validateResponse(call.pathOnly(), Request.Method.valueOf(call.method), built)
                            .getMessages()).as("conformance of the response of %s", what).isEmpty();
                }
            }
            case OUTSIDE -> assertThat(views[1].validateRequest(request).getMessages())
                    .as("%s should not be a documented operation", what)
                    .anyMatch(message -> message.getKey().startsWith("validation.request.path.missing")
                            || message.getKey().startsWith("validation.request.operation.notAllowed"));
        }
    }

    private static boolean parses(byte[] body) {
        try {
            return JSON.readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(body) != null;
        } catch (IOException notJson) {
            return false;
        }
    }

    enum Kind { CONFORMING, BREAKING, OUTSIDE }

    /** One request to make. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private Kind kind = Kind.CONFORMING;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A JSON body, declared as {@code application/json}. */
        Call json(String text) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** A body exactly as given, with no content type added. */
        Call raw(byte[] bytes) {
            body = bytes;
            return this;
        }

        /** The request deliberately breaks the document (bad JSON, missing bearer ...). */
        Call breakingDocument() {
            kind = Kind.BREAKING;
            return this;
        }

        /** The request names no documented operation (unknown path, wrong method, CORS preflight). */
        Call outsideDocument() {
            kind = Kind.OUTSIDE;
            return this;
        }

        Reply send() {
            Reply reply = exchange(this);
            check(this, reply);
            return reply;
        }

        private String pathOnly() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        private Request asValidatorRequest() {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, pathOnly());
            headers.forEach(request::withHeader);
            if (body != null) {
                request.withBody(new String(body, StandardCharsets.UTF_8));
            }
            int query = path.indexOf('?');
            if (query >= 0) {
                Map<String, List<String>> params = new LinkedHashMap<>();
                for (String pair : path.substring(query + 1).split("&")) {
                    String[] parts = pair.split("=", 2);
                    params.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                            .add(parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
                }
                params.forEach(request::withQueryParam);
            }
            return request.build();
        }
    }

    /** What came back. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException malformed) {
                throw new AssertionError("not JSON: " + body, malformed);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        String code() {
            return json().path("code").asText();
        }
    }
}
