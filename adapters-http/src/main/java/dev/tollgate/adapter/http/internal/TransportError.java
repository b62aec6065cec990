package dev.tollgate.adapter.http.internal;

/**
 * Failures of the HTTP exchange itself rather than of a use case, each with the status, the
 * title and the code clients see in the problem document.
 */
public enum TransportError {
    MALFORMED_REQUEST(400, "Malformed request", "The request is malformed."),
    UNAUTHENTICATED(401, "Authentication required", "A valid bearer token is required."),
    NOT_FOUND(404, "Not found", "No such resource."),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "The resource does not support this method."),
    PAYLOAD_TOO_LARGE(413, "Payload too large", "The request body is too large."),
    URI_TOO_LONG(414, "URI too long", "The request URI is too long."),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "The request body must be application/json."),
    HEADERS_TOO_LARGE(431, "Request headers too large", "The request's header fields are too large."),
    INTERNAL_ERROR(500, "Internal error", "An unexpected error occurred; it has been logged."),
    STORE_UNAVAILABLE(503, "Storage unavailable", "The service cannot reach its storage; try again shortly.", 5),
    NOT_READY(503, "Not ready", "The service is not ready to serve requests; try again shortly.", 5),
    SHUTTING_DOWN(503, "Shutting down", "The server is shutting down; try again shortly.", 5);

    private final int status;
    private final String title;
    private final String detail;
    private final long retryAfter;

    TransportError(int status, String title, String detail) {
        this(status, title, detail, 0);
    }

    TransportError(int status, String title, String detail, long retryAfter) {
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** A short phrase for the code. */
    public String title() {
        return title;
    }

    /** A sentence safe to show to anyone. */
    public String detail() {
        return detail;
    }

    /** Seconds the client is told to wait ({@code Retry-After}); 0 when the answer carries none. */
    public long retryAfter() {
        return retryAfter;
    }

    /**
     * The error for a status the server answers below the routes (Jetty's parser, the shutdown
     * drain): its own one where there is one, else the generic one of the status class.
     */
    public static TransportError forStatus(int status) {
        for (TransportError error : values()) {
            if (error.status == status && error != NOT_READY && error != STORE_UNAVAILABLE) {
                return error;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
