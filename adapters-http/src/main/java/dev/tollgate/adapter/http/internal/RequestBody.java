package dev.tollgate.adapter.http.internal;

import java.util.ArrayList;
import java.util.List;

/** A JSON request body that can say which of its required fields are absent. */
public interface RequestBody {

    /** The JSON names of required fields that are absent or null. */
    List<String> missingFields();

    /** The names among {@code nameValuePairs} (name, value, name, value ...) whose value is null. */
    static List<String> absent(Object... nameValuePairs) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            if (nameValuePairs[i + 1] == null) {
                missing.add((String) nameValuePairs[i]);
            }
        }
        return missing;
    }
}
