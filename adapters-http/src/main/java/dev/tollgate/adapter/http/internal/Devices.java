package dev.tollgate.adapter.http.internal;

import io.javalin.http.Context;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The device identifier a client keeps between logins, so the core recognises the device it signs
 * in from. A login (and each later step of it) reads it from the body's {@code device_id}, else the
 * {@code X-Tollgate-Device} header, else the {@code tollgate_device} cookie; text longer than 128
 * characters or holding anything but visible ASCII counts as none (the core then hands out a new
 * one), never as an error. Whatever the core answers to keep is set as that cookie, HttpOnly,
 * SameSite=Strict, for two years, Secure over https.
 */
public final class Devices {

    public static final String HEADER = "X-Tollgate-Device";
    public static final String COOKIE = "tollgate_device";
    /** Two years, in seconds. */
    static final long MAX_AGE_SECONDS = 63_072_000L;
    private static final Pattern IDENTIFIER = Pattern.compile("[\\x21-\\x7E]{1,128}");
    /** What a cookie value may hold (RFC 6265 cookie-octet): no quote, comma, semicolon or backslash. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]{1,128}");

    private final RequestScope scope;

    public Devices(RequestScope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** The identifier the request presents: {@code fromBody} when usable, else the header's, else the cookie's; or null. */
    public String presented(Context ctx, String fromBody) {
        if (usable(fromBody)) {
            return fromBody;
        }
        String header = ctx.header(HEADER);
        if (usable(header)) {
            return header;
        }
        String cookie = ctx.cookie(COOKIE);
        return usable(cookie) ? cookie : null;
    }

    /** Sets the cookie that keeps {@code device}; nothing when there is none, or it cannot be a cookie's value. */
    public void keep(Context ctx, String device) {
        if (device == null || !COOKIE_VALUE.matcher(device).matches()) {
            return;
        }
        String cookie = COOKIE + "=" + device + "; Path=/v1/users; Max-Age=" + MAX_AGE_SECONDS
                + "; HttpOnly; SameSite=Strict" + (scope.secure(ctx) ? "; Secure" : "");
        ctx.res().addHeader("Set-Cookie", cookie);
    }

    static boolean usable(String identifier) {
        return identifier != null && IDENTIFIER.matcher(identifier).matches();
    }
}
