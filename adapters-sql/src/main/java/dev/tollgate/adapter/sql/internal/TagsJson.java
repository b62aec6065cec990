package dev.tollgate.adapter.sql.internal;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A usage event's tags in one text column as a JSON object of strings, names in the map's order
 * (code point order for a {@link SortedMap}), so the same tags are always the same text and a
 * database's JSON functions can read them ({@code tags::jsonb ->> 'model'} on PostgreSQL,
 * {@code json_extract(tags, '$.model')} on SQLite). Written and read here rather than with a JSON
 * library: the module has none, and the text is a flat object of strings only.
 */
public final class TagsJson {

    private TagsJson() {
    }

    /** The JSON text of {@code tags}; null for no tag, so events without tags store SQL NULL. */
    public static String write(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, tag.getKey());
            json.append(':');
            string(json, tag.getValue());
        }
        return json.append('}').toString();
    }

    /** The tags of {@code json} (null for none), ordered by name; throws {@link IllegalArgumentException} for text that is no flat object of strings. */
    public static SortedMap<String, String> read(String json) {
        SortedMap<String, String> tags = new TreeMap<>();
        if (json == null) {
            return tags;
        }
        Reader in = new Reader(json);
        in.expect('{');
        if (!in.skip('}')) {
            do {
                String name = in.string();
                in.expect(':');
                if (tags.put(name, in.string()) != null) {
                    throw new IllegalArgumentException("tags repeat a name");
                }
            } while (in.skip(','));
            in.expect('}');
        }
        in.end();
        return tags;
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    /** A cursor over JSON text, skipping the whitespace a database's JSON functions may add. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        void expect(char c) {
            if (!skip(c)) {
                throw new IllegalArgumentException("tags are not a JSON object of strings: expected '" + c + "' at " + at);
            }
        }

        boolean skip(char c) {
            blank();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void end() {
            blank();
            if (at != text.length()) {
                throw new IllegalArgumentException("tags are not a JSON object of strings: text after the object");
            }
        }

        String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw new IllegalArgumentException("tags are not a JSON object of strings: unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw new IllegalArgumentException("tags are not a JSON object of strings: unterminated escape");
                }
                char escaped = text.charAt(at++);
                switch (escaped) {
                    case '"', '\\', '/' -> value.append(escaped);
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'u' -> value.append(hex());
                    default -> throw new IllegalArgumentException(
                            "tags are not a JSON object of strings: unknown escape at " + at);
                }
            }
        }

        /** The UTF-16 unit of the four hex digits after {@code \\u}. */
        private char hex() {
            int unit = 0;
            for (int end = at + 4; at < end; at++) {
                int digit = at < text.length() ? Character.digit(text.charAt(at), 16) : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("tags are not a JSON object of strings: a bad \\u escape");
                }
                unit = unit * 16 + digit;
            }
            return (char) unit;
        }

        private void blank() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }
    }
}
