package dev.tollgate.adapter.http.internal;

import dev.tollgate.port.api.Problem.FieldError;
import java.util.List;
import java.util.Objects;

/**
 * Thrown by the adapter when a request cannot be translated (bad JSON, wrong media type, no
 * bearer token). Its detail is written for the client; it carries no request data beyond
 * field names.
 */
public final class HttpFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final TransportError error;
    private final transient List<FieldError> errors;

    public HttpFailure(TransportError error, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.errors = List.copyOf(errors);
    }

    public HttpFailure(TransportError error, String detail) {
        this(error, detail, List.of());
    }

    public HttpFailure(TransportError error) {
        this(error, error.detail(), List.of());
    }

    public TransportError error() {
        return error;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
