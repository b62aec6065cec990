package dev.tollgate.adapter.http.internal;

import dev.tollgate.adapter.http.internal.ProblemBody.FieldErrorBody;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.FieldError;
import dev.tollgate.port.api.RefusedException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: a use case's {@link Problem} (handed over
 * by {@link Answers} as a value, never thrown), and, as Javalin's exception handler, a
 * {@link TransportError} of the exchange, a store that cannot be reached, or anything
 * unexpected. Every answer is an {@code application/problem+json} document; nothing of an
 * exception (class, message, stack trace) reaches the client.
 */
public final class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final String TYPE_PREFIX = "urn:tollgate:problem:";
    private static final Map<ErrorCode, String> TITLES = titles();

    private final JsonBodies json;
    private final Clock clock;

    public ProblemMapper(JsonBodies json, Clock clock) {
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The HTTP status of each error code. */
    public static int statusOf(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED, PASSWORD_REJECTED, OTP_INVALID, UNKNOWN_METER, PASSWORD_REUSED -> 422;
            case INVALID_CREDENTIALS, INVALID_TOKEN, REFRESH_TOKEN_REUSED, KEY_REVOKED, KEY_EXPIRED, MFA_REQUIRED,
                    MFA_ENROLMENT_REQUIRED, MFA_CODE_INVALID, PASSWORD_EXPIRED -> 401;
            case INSUFFICIENT_CREDITS -> 402;
            case ACCOUNT_INACTIVE, EMAIL_UNVERIFIED, USER_INACTIVE, ENTITLEMENT_MISSING, PERMISSION_DENIED,
                    TENANT_DISABLED, KEY_IP_NOT_ALLOWED, IP_BLOCKED -> 403;
            case USER_NOT_FOUND, SESSION_NOT_FOUND, OTP_NOT_FOUND, KEY_NOT_FOUND, TENANT_NOT_FOUND, STAFF_NOT_FOUND,
                    SERVICE_ACCOUNT_NOT_FOUND, IP_RULE_NOT_FOUND -> 404;
            case USERNAME_TAKEN, EMAIL_TAKEN, EMAIL_ALREADY_VERIFIED, ACCOUNT_STATE_CONFLICT, KEY_NOT_RECOVERABLE,
                    TENANT_TAKEN, ALREADY_STAFF, LAST_SUPER_ADMIN, SETUP_UNAVAILABLE, MFA_ALREADY_ENABLED,
                    MFA_NOT_ENABLED -> 409;
            case OTP_EXPIRED, OTP_ATTEMPTS_EXHAUSTED -> 410;
            case ACCOUNT_LOCKED, MFA_LOCKED -> 423;
            case RATE_LIMITED -> 429;
            case MFA_UNAVAILABLE -> 501;
            case MAIL_UNDELIVERED -> 502;
            case SERVICE_BUSY -> 503;
        };
    }

    /** Javalin's exception handler: answers {@code failure} as a problem document. */
    public void handle(Exception failure, Context ctx) {
        write(ctx, answerFor(failure, ctx));
    }

    /**
     * Answers a refusal: the problem document with the code's status, and the headers the
     * problem asks for ({@code Retry-After} and {@code RateLimit-*} when it says when to retry,
     * {@code WWW-Authenticate} for an invalid token).
     */
    public void refuse(Context ctx, Problem problem) {
        write(ctx, refusal(problem, ctx));
    }

    /** Answers a transport error outside any exception, such as a failed readiness check. */
    public void write(Context ctx, TransportError error) {
        write(ctx, transport(error, error.detail(), List.of(), ctx));
    }

    /**
     * For statuses Javalin sets itself (no route for the path, no such method on it): answers
     * {@code error} unless a handler already wrote a problem document with this status.
     */
    public void writeUnlessAnswered(Context ctx, TransportError error) {
        String written = ctx.res().getContentType();
        if (written == null || !written.startsWith(PROBLEM_JSON)) {
            write(ctx, error);
        }
    }

    private Answer answerFor(Exception failure, Context ctx) {
        if (failure instanceof RefusedException refused) {
            return refusal(refused.problem(), ctx);
        }
        if (failure instanceof HttpFailure http) {
            return transport(http.error(), http.getMessage(), http.errors(), ctx);
        }
        if (failure instanceof StoreRejectedInputException rejected) {
            LOG.info("store refused the input of {} {} (request {}): {}", ctx.method(), ctx.path(),
                    RequestScope.requestId(ctx), rejected.getMessage());
            return rejectedInput(ctx);
        }
        if (failure instanceof StoreUnavailableException unavailable) {
            LOG.warn("store unavailable during {} {} (request {}): {}", ctx.method(), ctx.path(),
                    RequestScope.requestId(ctx), unavailable.getMessage());
            return transport(TransportError.STORE_UNAVAILABLE, TransportError.STORE_UNAVAILABLE.detail(), List.of(), ctx);
        }
        if (failure instanceof HttpResponseException javalin) {
            TransportError error = switch (javalin.getStatus()) {
                case 400 -> TransportError.MALFORMED_REQUEST;
                case 401 -> TransportError.UNAUTHENTICATED;
                case 404 -> TransportError.NOT_FOUND;
                case 405 -> TransportError.METHOD_NOT_ALLOWED;
                case 413 -> TransportError.PAYLOAD_TOO_LARGE;
                case 415 -> TransportError.UNSUPPORTED_MEDIA_TYPE;
                default -> null;
            };
            if (error != null) {
                return transport(error, error.detail(), List.of(), ctx);
            }
        }
        LOG.error("unexpected failure during {} {} (request {})", ctx.method(), ctx.path(), RequestScope.requestId(ctx),
                failure);
        return transport(TransportError.INTERNAL_ERROR, TransportError.INTERNAL_ERROR.detail(), List.of(), ctx);
    }

    private Answer refusal(Problem problem, Context ctx) {
        ErrorCode code = problem.code();
        List<FieldErrorBody> errors = null;
        List<String> violations = null;
        Integer attemptsLeft = null;
        Instant lockedUntil = null;
        Long retryAfter = null;
        OptionalInt limit = OptionalInt.empty();
        String challenge = null;
        Instant challengeExpiresAt = null;
        String changeToken = null;
        Instant changeTokenExpiresAt = null;
        if (problem instanceof Problem.InvalidInput invalid) {
            errors = fieldErrors(invalid.errors());
        } else if (problem instanceof Problem.PasswordRejected rejected) {
            violations = rejected.violations().stream().map(Problem.PasswordRejected.Rule::name)
                    .map(name -> name.toLowerCase(Locale.ROOT)).toList();
        } else if (problem instanceof Problem.CodeInvalid invalid && invalid.attemptsLeft().isPresent()) {
            attemptsLeft = invalid.attemptsLeft().getAsInt();
        } else if (problem instanceof Problem.MfaCodeInvalid invalid && invalid.attemptsLeft().isPresent()) {
            attemptsLeft = invalid.attemptsLeft().getAsInt();
        } else if (problem instanceof Problem.AccountLocked locked) {
            lockedUntil = locked.lockedUntil();
            retryAfter = secondsUntil(locked.lockedUntil());
        } else if (problem instanceof Problem.MfaLocked locked) {
            lockedUntil = locked.lockedUntil();
            retryAfter = secondsUntil(locked.lockedUntil());
        } else if (problem instanceof Problem.RateLimited limited) {
            retryAfter = secondsUntil(limited.retryAt());
            limit = limited.limit();
        } else if (problem instanceof Problem.ServiceBusy busy) {
            retryAfter = Math.max(1, ceilSeconds(busy.retryAfter()));
        } else if (problem instanceof Problem.MfaRequired required) {
            challenge = required.challenge();
            challengeExpiresAt = required.expiresAt();
        } else if (problem instanceof Problem.MfaEnrolmentRequired required) {
            challenge = required.challenge();
            challengeExpiresAt = required.expiresAt();
        } else if (problem instanceof Problem.PasswordExpired expired) {
            changeToken = expired.changeToken();
            changeTokenExpiresAt = expired.expiresAt();
        }
        int status = statusOf(code);
        ProblemBody body = new ProblemBody(TYPE_PREFIX + slug(code.name()), title(code), status,
                problem.detail(), code.name(), RequestScope.requestId(ctx), errors, violations, attemptsLeft,
                lockedUntil, retryAfter, challenge, challengeExpiresAt, changeToken, changeTokenExpiresAt);
        return new Answer(status, body, retryAfter, code == ErrorCode.INVALID_TOKEN, limit);
    }

    /** A value the store refused (a character or date it cannot hold): the client's input, not an outage. */
    private Answer rejectedInput(Context ctx) {
        ErrorCode code = ErrorCode.VALIDATION_FAILED;
        int status = statusOf(code);
        ProblemBody body = new ProblemBody(TYPE_PREFIX + slug(code.name()), title(code), status,
                "The storage refused a value of the request; check the values given.", code.name(),
                RequestScope.requestId(ctx), null, null, null, null, null, null, null, null, null);
        return new Answer(status, body, null, false, OptionalInt.empty());
    }

    private Answer transport(TransportError error, String detail, List<FieldError> fieldErrors, Context ctx) {
        Long retryAfter = error.retryAfter() > 0 ? error.retryAfter() : null;
        ProblemBody body = new ProblemBody(TYPE_PREFIX + slug(error.name()), error.title(), error.status(), detail,
                error.name(), RequestScope.requestId(ctx), fieldErrors.isEmpty() ? null : fieldErrors(fieldErrors),
                null, null, null, retryAfter, null, null, null, null);
        return new Answer(error.status(), body, retryAfter, error == TransportError.UNAUTHENTICATED,
                OptionalInt.empty());
    }

    /**
     * The problem document of {@code error} for an answer the server gives below the routes,
     * where no {@link Context} exists (see {@link ProblemErrorHandler}); {@code status} is the
     * one actually sent, which a generic error shares with its status class.
     */
    public static ProblemBody document(TransportError error, int status, String requestId) {
        return new ProblemBody(TYPE_PREFIX + slug(error.name()), error.title(), status, error.detail(), error.name(),
                requestId, null, null, null, null, error.retryAfter() > 0 ? error.retryAfter() : null, null, null, null,
                null);
    }

    private void write(Context ctx, Answer answer) {
        ctx.status(answer.status());
        if (answer.retryAfter() != null) {
            ctx.header("Retry-After", Long.toString(answer.retryAfter()));
        }
        if (answer.limit().isPresent()) {
            // a refused attempt: nothing is left of the window, which ends when Retry-After says
            ctx.header("RateLimit-Limit", Integer.toString(answer.limit().getAsInt()));
            ctx.header("RateLimit-Remaining", "0");
            ctx.header("RateLimit-Reset", Long.toString(answer.retryAfter()));
        }
        if (answer.bearerChallenge()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"tollgate\"");
        }
        ctx.contentType(PROBLEM_JSON);
        ctx.result(json.bytes(answer.body()));
    }

    private long secondsUntil(Instant moment) {
        return Math.max(1, ceilSeconds(Duration.between(clock.instant(), moment)));
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    private static List<FieldErrorBody> fieldErrors(List<FieldError> errors) {
        return errors.stream().map(error -> new FieldErrorBody(error.field(), error.message())).toList();
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A short English phrase for {@code code}; a code without its own reads as its words. */
    static String title(ErrorCode code) {
        String title = TITLES.get(code);
        if (title != null) {
            return title;
        }
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static Map<ErrorCode, String> titles() {
        Map<ErrorCode, String> titles = new EnumMap<>(ErrorCode.class);
        titles.put(ErrorCode.EMAIL_TAKEN, "Email address taken");
        titles.put(ErrorCode.EMAIL_UNVERIFIED, "Email address not verified");
        titles.put(ErrorCode.EMAIL_ALREADY_VERIFIED, "Email address already verified");
        titles.put(ErrorCode.OTP_INVALID, "One-time code invalid");
        titles.put(ErrorCode.OTP_EXPIRED, "One-time code expired");
        titles.put(ErrorCode.OTP_ATTEMPTS_EXHAUSTED, "One-time code attempts used up");
        titles.put(ErrorCode.OTP_NOT_FOUND, "No one-time code pending");
        titles.put(ErrorCode.MAIL_UNDELIVERED, "Mail not delivered");
        titles.put(ErrorCode.KEY_NOT_FOUND, "API key not found");
        titles.put(ErrorCode.KEY_NOT_RECOVERABLE, "API key not recoverable");
        titles.put(ErrorCode.KEY_REVOKED, "API key revoked");
        titles.put(ErrorCode.KEY_EXPIRED, "API key expired");
        titles.put(ErrorCode.MFA_REQUIRED, "Second factor required");
        titles.put(ErrorCode.MFA_ENROLMENT_REQUIRED, "Second factor enrolment required");
        titles.put(ErrorCode.MFA_CODE_INVALID, "Second-factor code invalid");
        titles.put(ErrorCode.MFA_LOCKED, "Second factor locked");
        titles.put(ErrorCode.MFA_ALREADY_ENABLED, "Second factor already enabled");
        titles.put(ErrorCode.MFA_NOT_ENABLED, "No second factor enabled");
        titles.put(ErrorCode.MFA_UNAVAILABLE, "Second factors unavailable");
        titles.put(ErrorCode.KEY_IP_NOT_ALLOWED, "API key not allowed from this address");
        titles.put(ErrorCode.IP_BLOCKED, "Address blocked");
        titles.put(ErrorCode.IP_RULE_NOT_FOUND, "IP rule not found");
        return titles;
    }

    private record Answer(int status, ProblemBody body, Long retryAfter, boolean bearerChallenge, OptionalInt limit) {
    }
}
