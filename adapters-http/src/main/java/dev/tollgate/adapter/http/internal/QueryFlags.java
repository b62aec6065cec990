package dev.tollgate.adapter.http.internal;

import io.javalin.http.Context;

/** Boolean query parameters: {@code true} or {@code false}, absent meaning false. */
final class QueryFlags {

    private QueryFlags() {
    }

    static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new HttpFailure(TransportError.MALFORMED_REQUEST, "The query parameter '" + name + "' must be true or false.");
    }
}
