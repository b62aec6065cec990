package dev.tollgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** One JSON request to a server on loopback, as the end-to-end tests send them, and its answer. */
final class JsonExchange {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonExchange() {
    }

    /** The answer: status, content type, the raw body and the body parsed (empty object when there is none). */
    record Answer(int status, String contentType, String raw, JsonNode body) {
    }

    /** Sends {@code body} as JSON (none when null), with {@code token} as the bearer token when given. */
    static Answer send(HttpClient client, int port, String method, String path, String token, Map<String, ?> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), raw,
                raw.isEmpty() ? JSON.createObjectNode() : JSON.readTree(raw));
    }
}
