package dev.tollgate.adapter.http.internal;

import java.time.Instant;
import java.util.List;

/**
 * An RFC 9457 problem document with Tollgate's members: {@code code} always, the others only
 * when they apply (absent members are not written).
 */
public record ProblemBody(
        String type,
        String title,
        int status,
        String detail,
        String code,
        String requestId,
        List<FieldErrorBody> errors,
        List<String> violations,
        Integer attemptsLeft,
        Instant lockedUntil,
        Long retryAfter) {

    /** One input that failed, named as in the request body. */
    public record FieldErrorBody(String field, String message) {
    }
}
