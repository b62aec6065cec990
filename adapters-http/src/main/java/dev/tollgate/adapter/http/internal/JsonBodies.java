package dev.tollgate.adapter.http.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.FieldError;
import dev.tollgate.port.api.RefusedException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads request bodies into request records and writes response records, in snake_case JSON.
 * Reading is strict: the body must be declared JSON, fit the size limit, parse, carry no
 * unknown field and have the right type in every field; required fields that are absent or
 * null are refused as {@code VALIDATION_FAILED}.
 */
public final class JsonBodies {

    private static final String JSON = "application/json";

    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodies(int maxBytes) {
        this.maxBytes = maxBytes;
        this.mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** The mapper, configured for the API's JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads the request's JSON body as {@code type}; throws {@link HttpFailure} or {@link RefusedException}. */
    public <T extends RequestBody> T read(Context ctx, Class<T> type) {
        long declaredLength = ctx.req().getContentLengthLong();
        if (declaredLength > maxBytes) {
            // read a body a little over the limit to its end, so the client gets the 413 rather than a reset
            if (declaredLength <= drainLimit(maxBytes)) {
                try (InputStream in = ctx.req().getInputStream()) {
                    discardRest(in, new byte[8192], declaredLength);
                } catch (IOException unreadable) {
                    throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The body could not be read.");
                }
            }
            throw tooLarge();
        }
        String contentType = ctx.header("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            if (declaredLength <= 0) {
                throw new HttpFailure(TransportError.MALFORMED_REQUEST, "A JSON body is required.");
            }
            throw new HttpFailure(TransportError.UNSUPPORTED_MEDIA_TYPE);
        }
        if (!isJson(contentType)) {
            throw new HttpFailure(TransportError.UNSUPPORTED_MEDIA_TYPE);
        }
        byte[] body = readBounded(ctx);
        if (body.length == 0) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "A JSON body is required.");
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException unknown) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The body has a field this request does not take.",
                    List.of(new FieldError(path(unknown, unknown.getPropertyName()), "is not a known field")));
        } catch (JsonMappingException mismatch) {
            String field = path(mismatch, null);
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "A field of the body has the wrong type.",
                    field.isEmpty() ? List.of() : List.of(new FieldError(field, "has the wrong type")));
        } catch (JsonProcessingException malformed) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The body is not valid JSON.");
        } catch (IOException unreadable) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The body could not be read.");
        }
        if (value == null) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "A JSON object body is required.");
        }
        List<String> missing = value.missingFields();
        if (!missing.isEmpty()) {
            throw new RefusedException(new Problem.InvalidInput(
                    missing.stream().map(field -> new FieldError(field, "is required")).toList()));
        }
        return value;
    }

    /** Writes {@code body} as the JSON answer with {@code status}. */
    public void write(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON).result(bytes(body));
    }

    /** {@code body} as JSON bytes. */
    public byte[] bytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a response body could not be written as JSON", impossible);
        }
    }

    private byte[] readBounded(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                if (out.size() > maxBytes) {
                    discardRest(in, buffer, drainLimit(maxBytes) - out.size());
                    throw tooLarge();
                }
            }
            return out.toByteArray();
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the request body could not be read", unreadable);
        }
    }

    /** Bodies up to this size are read to their end even when over the limit; larger ones are cut off. */
    public static long drainLimit(int maxBytes) {
        return Math.max(4L * maxBytes, 1024L * 1024L);
    }

    private static void discardRest(InputStream in, byte[] buffer, long budget) throws IOException {
        long left = budget;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
            left -= read;
        }
    }

    private HttpFailure tooLarge() {
        return new HttpFailure(TransportError.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals(JSON) || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static String path(JsonMappingException failure, String last) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (path.length() == 0 && last != null) {
            path.append(last);
        }
        return path.toString();
    }
}
