package dev.tollgate.adapter.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The API's description: {@code GET /openapi.json} (the hand-written OpenAPI 3.1 document,
 * with the running version filled in) and {@code GET /docs}, Swagger UI served from the
 * swagger-ui webjar on the classpath, so the page needs no CDN.
 */
public final class DocsRoutes {

    private static final String OWN = "/dev/tollgate/adapter/http/";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Map<String, String> WEBJAR_ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "index.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-16x16.png", "image/png",
            "favicon-32x32.png", "image/png");

    private final JsonBodies json;
    private final byte[] document;
    private final byte[] page;
    private final byte[] initializer;
    private final String webjarRoot;

    public DocsRoutes(JsonBodies json, String version) {
        this.json = Objects.requireNonNull(json, "json");
        this.document = document(json, Objects.requireNonNull(version, "version"));
        this.page = resource(OWN + "docs.html");
        this.initializer = resource(OWN + "docs-initializer.js");
        this.webjarRoot = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/openapi.json", ctx -> ctx.status(200).contentType("application/json").result(document));
        routes.get("/docs", ctx -> ctx.status(200).contentType("text/html; charset=utf-8").result(page));
        routes.get("/docs/{asset}", this::asset);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        if (name.equals("initializer.js")) {
            ctx.status(200).contentType("text/javascript; charset=utf-8").result(initializer);
            return;
        }
        String type = WEBJAR_ASSETS.get(name);
        if (type == null) {
            throw new HttpFailure(TransportError.NOT_FOUND);
        }
        ctx.status(200).contentType(type).result(resource(webjarRoot + name));
    }

    private static byte[] document(JsonBodies json, String version) {
        try {
            JsonNode root = json.mapper().readTree(resource(OWN + "openapi.json"));
            ((ObjectNode) root.get("info")).put("version", version);
            return json.mapper().writeValueAsBytes(root);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the bundled OpenAPI document cannot be read", unreadable);
        }
    }

    private static String webjarVersion() {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the swagger-ui webjar cannot be read", unreadable);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read resource " + path, unreadable);
        }
    }
}
