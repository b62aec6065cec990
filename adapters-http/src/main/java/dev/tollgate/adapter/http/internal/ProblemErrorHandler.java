package dev.tollgate.adapter.http.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, replaced so that what the server answers below the routes is a
 * problem document like every other failure: a request Jetty's parser refuses (a header over
 * the limit: 431 {@code HEADERS_TOO_LARGE}; a URI over it: 414 {@code URI_TOO_LONG}; bad
 * percent-encoding or UTF-8 in the path: 400 {@code MALFORMED_REQUEST}), and a request that
 * arrives while the server drains on its way down (503 {@code SHUTTING_DOWN} with
 * {@code Retry-After}). Every method gets the document, not only GET and POST; nothing of the
 * request or of an exception is echoed.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    private final JsonBodies json;

    public ProblemErrorHandler(JsonBodies json) {
        this.json = Objects.requireNonNull(json, "json");
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateCacheControl(Response response) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        ByteBuffer body = ByteBuffer.wrap(document(code, response.getHeaders()));
        response.write(true, body, callback);
    }

    /** For failures answered before any request exists (Jetty then writes the bytes itself). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        return ByteBuffer.wrap(document(status, fields));
    }

    private byte[] document(int status, HttpFields.Mutable headers) {
        TransportError error = TransportError.forStatus(status);
        String requestId = RequestIds.fresh();
        headers.put(HttpHeader.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
        headers.put(RequestScope.REQUEST_ID_HEADER, requestId);
        headers.put("X-Content-Type-Options", "nosniff");
        if (error.retryAfter() > 0) {
            headers.put(HttpHeader.RETRY_AFTER, Long.toString(error.retryAfter()));
        }
        return json.bytes(ProblemMapper.document(error, status, requestId));
    }
}
