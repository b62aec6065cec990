package dev.tollgate.adapter.http.internal;

import java.time.Instant;
import java.util.List;

/**
 * An RFC 9457 problem document with Tollgate's members: {@code code} always, the others only
 * when they apply (absent members are not written). {@code challenge} (MFA_REQUIRED,
 * MFA_ENROLMENT_REQUIRED) and {@code change_token} (PASSWORD_EXPIRED) are secrets of a login
 * between its steps, so {@link #toString()} does not print them.
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
        Long retryAfter,
        String challenge,
        Instant challengeExpiresAt,
        String changeToken,
        Instant changeTokenExpiresAt) {

    @Override
    public String toString() {
        return "ProblemBody[code=" + code + ", status=" + status + ", requestId=" + requestId + ", challenge="
                + (challenge == null ? "none" : "***") + ", changeToken=" + (changeToken == null ? "none" : "***") + "]";
    }

    /** One input that failed, named as in the request body. */
    public record FieldErrorBody(String field, String message) {
    }
}
