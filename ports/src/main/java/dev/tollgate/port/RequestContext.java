package dev.tollgate.port;

/**
 * Where a request came from, recorded with sessions and audit events. Both parts are
 * optional ({@code null} when unknown) and cut to sane lengths, never inside a character.
 *
 * @param ip        the client address as the caller determined it
 * @param userAgent the client's user agent string
 */
public record RequestContext(String ip, String userAgent) {

    private static final int MAX_IP = 64;
    private static final int MAX_USER_AGENT = 512;

    /** For calls with no network origin, such as an embedder's background job. */
    public static final RequestContext NONE = new RequestContext(null, null);

    public RequestContext {
        ip = truncate(ip, MAX_IP);
        userAgent = truncate(userAgent, MAX_USER_AGENT);
    }

    public static RequestContext of(String ip, String userAgent) {
        return new RequestContext(ip, userAgent);
    }

    private static String truncate(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() <= max) {
            return text;
        }
        // never keep half of a character outside the basic plane: an unpaired surrogate is no text
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
