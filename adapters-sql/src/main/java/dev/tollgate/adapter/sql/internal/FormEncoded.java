package dev.tollgate.adapter.sql.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lists and maps of strings in one text column, as {@code application/x-www-form-urlencoded}:
 * any character round-trips, order is kept, and it reads the same in every database. Each list
 * element is preceded by {@code &}, so an empty list and a list of one empty string differ.
 */
public final class FormEncoded {

    private FormEncoded() {
    }

    public static String list(List<String> values) {
        StringBuilder text = new StringBuilder();
        for (String value : values) {
            text.append('&').append(encode(value));
        }
        return text.toString();
    }

    public static List<String> list(String text) {
        List<String> values = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String part : text.substring(1).split("&", -1)) {
            values.add(decode(part));
        }
        return values;
    }

    public static String map(Map<String, String> entries) {
        List<String> parts = new ArrayList<>(entries.size());
        entries.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> parts.add(encode(entry.getKey()) + "=" + encode(entry.getValue())));
        return String.join("&", parts);
    }

    public static Map<String, String> map(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return entries;
        }
        for (String part : text.split("&", -1)) {
            int equals = part.indexOf('=');
            entries.put(decode(part.substring(0, equals)), decode(part.substring(equals + 1)));
        }
        return entries;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
