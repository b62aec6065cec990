package dev.tollgate.adapter.http.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.FieldError;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request bodies into request records and writes response records, in snake_case JSON.
 * Reading is strict: the body must be declared JSON, fit the size limit, be well-formed UTF-8,
 * parse and carry no unknown field ({@code MALFORMED_REQUEST} otherwise, thrown as an
 * {@link HttpFailure}: there is no request to speak of); a value of the wrong kind for its field
 * (a fraction, a number out of range or a string where a whole number belongs, a number where
 * text belongs ...), text with an unpaired UTF-16 surrogate escape, and required fields that
 * are absent or null are refused as {@code VALIDATION_FAILED} naming the field, an
 * {@link Outcome} like a use case's refusal.
 */
public final class JsonBodies {

    private static final String JSON = "application/json";
    private static final String UNPAIRED_SURROGATE = "must not hold an unpaired UTF-16 surrogate";
    private static final String UNPAIRED_SURROGATE_IN_NAME = "must not have a field name with an unpaired UTF-16 surrogate";

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
                // integer fields take integer literals only: 1.5, 1.0 and 1e3 are refused, never truncated
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
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

    /**
     * Reads the request's JSON body as {@code type}: done with the body, or refused with the
     * fields whose values are invalid; throws {@link HttpFailure} for a body that is no JSON
     * object of this request.
     */
    public <T extends RequestBody> Outcome<T> read(Context ctx, Class<T> type) {
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
            JsonNode tree = mapper.readTree(strictUtf8(body));
            List<FieldError> unpaired = new ArrayList<>();
            findUnpairedSurrogates(tree, "", unpaired);
            if (!unpaired.isEmpty()) {
                return Outcome.refused(new Problem.InvalidInput(unpaired));
            }
            value = tree == null || tree.isMissingNode() ? null : mapper.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException unknown) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The body has a field this request does not take.",
                    List.of(new FieldError(path(unknown, unknown.getPropertyName()), "is not a known field")));
        } catch (JsonMappingException mismatch) {
            String field = path(mismatch, null);
            if (field.isEmpty()) {
                throw new HttpFailure(TransportError.MALFORMED_REQUEST, "A JSON object body is required.");
            }
            // the body is JSON of the right shape, but a value cannot be what its field holds
            return Outcome.refused(Problem.InvalidInput.of(field, mismatchMessage(mismatch)));
        } catch (JsonProcessingException malformed) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The body is not valid JSON.");
        }
        if (value == null) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "A JSON object body is required.");
        }
        List<String> missing = value.missingFields();
        if (!missing.isEmpty()) {
            return Outcome.refused(new Problem.InvalidInput(
                    missing.stream().map(field -> new FieldError(field, "is required")).toList()));
        }
        return Outcome.done(value);
    }

    /**
     * As {@link #read}, for a request whose body is optional: {@code absent} when the request
     * carries no body and declares no content type.
     */
    public <T extends RequestBody> Outcome<T> readOptional(Context ctx, Class<T> type, T absent) {
        String contentType = ctx.header("Content-Type");
        if (ctx.req().getContentLengthLong() <= 0 && (contentType == null || contentType.isBlank())
                && ctx.header("Transfer-Encoding") == null) {
            return Outcome.done(absent);
        }
        return read(ctx, type);
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

    /**
     * The body as text, decoded strictly: malformed or overlong UTF-8 (such as {@code C0 AF} for
     * {@code /}) and UTF-8-encoded surrogates are refused, never replaced. A leading byte-order
     * mark is dropped, as RFC 8259 allows.
     */
    private static String strictUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException malformed) {
            throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The body is not valid UTF-8.");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Adds a field error for every text in {@code node} (names included) that holds an unpaired
     * UTF-16 surrogate, which only a JSON escape such as {@code "\ud800"} can produce: such text
     * is no Unicode string, and would reach a store as {@code ?} or fail there.
     */
    private static void findUnpairedSurrogates(JsonNode node, String at, List<FieldError> found) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (hasUnpairedSurrogate(node.textValue())) {
                found.add(new FieldError(at.isEmpty() ? "body" : at, UNPAIRED_SURROGATE));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findUnpairedSurrogates(node.get(i), at + "[" + i + "]", found);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                if (hasUnpairedSurrogate(field.getKey())) {
                    found.add(new FieldError(at.isEmpty() ? "body" : at, UNPAIRED_SURROGATE_IN_NAME));
                } else {
                    findUnpairedSurrogates(field.getValue(), name, found);
                }
            }
        }
    }

    /** Whether {@code text} holds a high surrogate not followed by a low one, or a low one not preceded by a high one. */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** What a value of the wrong kind is told, by the kind its field holds. */
    private static String mismatchMessage(JsonMappingException mismatch) {
        Class<?> target = mismatch instanceof MismatchedInputException input ? input.getTargetType() : null;
        boolean outOfRange = mismatch.getCause() instanceof InputCoercionException;
        if (outOfRange || isWholeNumber(target)) {
            return outOfRange ? "is out of range" : "must be a whole number (no fraction or exponent)";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target != null && (List.class.isAssignableFrom(target) || target.isArray())) {
            return "must be an array";
        }
        if (target != null && Map.class.isAssignableFrom(target)) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == Short.class || type == short.class;
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
