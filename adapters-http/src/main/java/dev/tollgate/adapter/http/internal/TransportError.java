package dev.tollgate.adapter.http.internal;

/**
 * Failures of the HTTP exchange itself rather than of a use case, each with the status and
 * the code clients see in the problem document.
 */
public enum TransportError {
    MALFORMED_REQUEST(400, "The request is malformed."),
    UNAUTHENTICATED(401, "A valid bearer token is required."),
    NOT_FOUND(404, "No such resource."),
    METHOD_NOT_ALLOWED(405, "The resource does not support this method."),
    PAYLOAD_TOO_LARGE(413, "The request body is too large."),
    UNSUPPORTED_MEDIA_TYPE(415, "The request body must be application/json."),
    INTERNAL_ERROR(500, "An unexpected error occurred; it has been logged."),
    STORE_UNAVAILABLE(503, "The service cannot reach its storage; try again shortly."),
    NOT_READY(503, "The service is not ready to serve requests.");

    private final int status;
    private final String detail;

    TransportError(int status, String detail) {
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** A sentence safe to show to anyone. */
    public String detail() {
        return detail;
    }
}
