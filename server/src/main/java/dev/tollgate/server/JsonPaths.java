package dev.tollgate.server;

import com.fasterxml.jackson.databind.JsonNode;

/** How the strict JSON files (plans, roles) name a place and show a value in a refusal. */
final class JsonPaths {

    private JsonPaths() {
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
