package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.RequestContext;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * What surrounds every request: its id (taken from {@code X-Request-Id} when it is a safe
 * token, else generated), echoed in the response and held in the SLF4J MDC as
 * {@code request_id} while the request runs; the security headers; the timing that
 * {@link RouteMetrics} records; and the client's origin for the use cases. Nothing of a request's
 * body, headers or query is logged here.
 */
public final class RequestScope {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final String ID_ATTRIBUTE = "tollgate.request-id";
    private static final String STARTED_ATTRIBUTE = "tollgate.started-nanos";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");
    private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final String DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private final boolean trustForwardedFor;
    private final RouteMetrics metrics;

    public RequestScope(boolean trustForwardedFor, RouteMetrics metrics) {
        this.trustForwardedFor = trustForwardedFor;
        this.metrics = metrics;
    }

    /** The id of the request {@code ctx}, or null before {@link #begin} ran. */
    public static String requestId(Context ctx) {
        return ctx.attribute(ID_ATTRIBUTE);
    }

    /** Runs first for every request. */
    public void begin(Context ctx) {
        ctx.attribute(STARTED_ATTRIBUTE, System.nanoTime());
        String offered = ctx.header(REQUEST_ID_HEADER);
        String id = offered != null && SAFE_ID.matcher(offered).matches() ? offered : RequestIds.fresh();
        ctx.attribute(ID_ATTRIBUTE, id);
        MDC.put(MDC_KEY, id);
        ctx.header(REQUEST_ID_HEADER, id);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        boolean docs = ctx.path().equals("/docs") || ctx.path().startsWith("/docs/");
        ctx.header("Content-Security-Policy", docs ? DOCS_POLICY : API_POLICY);
        ctx.header("Cache-Control", docs ? "no-cache" : "no-store");
        String query = ctx.queryString();
        if (query != null && !wellFormedQuery(query)) {
            // Jetty refuses such a path itself; the query it leaves to the application, whose decoder would
            // replace what it cannot read
            throw new HttpFailure(TransportError.MALFORMED_REQUEST,
                    "The query string is not valid percent-encoded UTF-8.");
        }
    }

    /**
     * Whether {@code query} is ASCII, every {@code %} starts two hex digits and the bytes they stand
     * for are well-formed UTF-8 (no overlong form, no encoded surrogate).
     */
    static boolean wellFormedQuery(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7F) {
                return false; // RFC 3986: anything beyond ASCII is percent-encoded
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException malformed) {
            return false;
        }
    }

    /** Runs last for every request, after the response is complete. */
    public void end(Context ctx, Float ignoredMillis) {
        try {
            Long started = ctx.attribute(STARTED_ATTRIBUTE);
            if (started != null) {
                metrics.record(ctx, System.nanoTime() - started);
            }
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** Where the request came from, as the use cases record it. */
    public RequestContext origin(Context ctx) {
        return RequestContext.of(clientAddress(ctx), ctx.header("User-Agent"));
    }

    /**
     * Whether the request came over https: on its own connection, or, behind the trusted proxy,
     * as the proxy says in the last entry of {@code X-Forwarded-Proto}.
     */
    public boolean secure(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        String forwarded = trustForwardedFor ? ctx.header("X-Forwarded-Proto") : null;
        if (forwarded == null) {
            return false;
        }
        String[] hops = forwarded.split(",");
        return hops.length > 0 && "https".equalsIgnoreCase(hops[hops.length - 1].strip());
    }

    /**
     * The client's address: the connection's remote address, or, when the proxy in front is
     * trusted, the last entry of {@code X-Forwarded-For} (the one that proxy added); either as a
     * bare address. A port and brackets are dropped ({@code 203.0.113.9:51234},
     * {@code [2001:db8::1]:443} and {@code [2001:db8::1]} name {@code 203.0.113.9} and
     * {@code 2001:db8::1}; Jetty writes the connection's IPv6 address in brackets), since whatever
     * judges the address (IP rules, throttles, audit, sessions) reads only address literals. A
     * forwarded entry that is still no IPv4 or IPv6 literal then (a host name, a zone id,
     * {@code unknown}) counts as absent.
     */
    public String clientAddress(Context ctx) {
        String connection = ctx.req().getRemoteAddr();
        String bareConnection = connection == null ? null : bareAddress(connection);
        String remote = bareConnection != null ? bareConnection : connection;
        if (!trustForwardedFor) {
            return remote;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null) {
            return remote;
        }
        String[] hops = forwarded.split(",");
        String nearest = hops.length == 0 ? null : bareAddress(hops[hops.length - 1].strip());
        return nearest != null ? nearest : remote;
    }

    /**
     * The address an {@code X-Forwarded-For} entry (or the connection's address) names, without
     * the port or the brackets written around it; null when it names no IPv4 or IPv6 literal.
     * Without brackets an entry with one colon is IPv4 with a port; one with more colons is IPv6,
     * whose last group is never read as a port.
     */
    private static String bareAddress(String entry) {
        String host = entry;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                return null;
            }
            String after = host.substring(close + 1);
            if (!after.isEmpty() && !PORT.matcher(after).matches()) {
                return null;
            }
            host = host.substring(1, close);
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0 && colon == host.lastIndexOf(':')) {
                if (!PORT.matcher(host.substring(colon)).matches()) {
                    return null;
                }
                host = host.substring(0, colon);
            }
        }
        boolean literal = host.indexOf(':') < 0 ? ipv4(host) : ipv6(host);
        return literal ? host : null;
    }

    /** A dotted quad of decimal numbers 0-255 without leading zeros, as the core reads IPv4. */
    private static boolean ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!DECIMAL_OCTET.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 4291 text: eight groups of one to four hex digits, or fewer around one {@code ::}, the
     * last two groups optionally written as a dotted quad; no zone id.
     */
    private static boolean ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int heads = groups(head, gap < 0);
        int tails = groups(tail, true);
        if (heads < 0 || tails < 0) {
            return false;
        }
        return gap < 0 ? heads == 8 : heads + tails <= 7;
    }

    /**
     * How many 16-bit groups colon-separated {@code text} holds, a dotted quad ending it (when
     * {@code mayEndWithV4}) counting two; -1 when it is malformed.
     */
    private static int groups(String text, boolean mayEndWithV4) {
        if (text.isEmpty()) {
            return 0;
        }
        String[] parts = text.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && mayEndWithV4 && parts[i].indexOf('.') >= 0) {
                return ipv4(parts[i]) ? i + 2 : -1;
            }
            if (!HEX_GROUP.matcher(parts[i]).matches()) {
                return -1;
            }
        }
        return parts.length;
    }
}
