package dev.tollgate.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The strict JSON files of the server (plans, roles): reading one (no duplicate field, nothing
 * after the top-level value), and how a refusal names a place and shows a value.
 */
final class StrictJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** The JSON tree of {@code file}; {@code refused} makes the exception for each fault, from a one-line problem. */
    static JsonNode read(Path file, Function<String, ConfigurationException> refused) {
        if (Files.isDirectory(file)) {
            throw refused.apply("is a directory, not a file");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw refused.apply("no such file");
        } catch (AccessDeniedException e) {
            throw refused.apply("cannot read: permission denied");
        } catch (IOException e) {
            throw refused.apply("cannot read: " + oneLine(e.getMessage()));
        }
        try {
            return JSON.readTree(content);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw refused.apply(where + "malformed JSON: " + reason(e));
        } catch (IOException e) {
            throw refused.apply("cannot read: " + oneLine(e.getMessage()));
        }
    }

    private static String reason(JsonProcessingException e) {
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")) {
            return "more content after the end of the top-level object";
        }
        return oneLine(e.getOriginalMessage()
                .replaceAll(" \\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)",
                        " (opened at line $1, column $2)"));
    }

    /** The path of {@code name} under {@code path}: {@code plans.free}, or {@code plans["a b"]}. */
    static String child(String path, String name) {
        String step = name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name
                : "[\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        return path.isEmpty() || step.startsWith("[") ? path + step : path + "." + step;
    }

    /** A value as a refusal shows it: strings quoted, numbers as written, else what kind of value it is. */
    static String shown(JsonNode node) {
        if (node.isTextual()) {
            return "'" + oneLine(node.textValue()) + "'";
        }
        return node.isNumber() ? node.asText() : kind(node);
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> node.asText();
            default -> "null";
        };
    }

    /** {@code text} on one line, for a message. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
