package dev.tollgate.port.api;

import dev.tollgate.port.AccountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An expected reason a use case did not do what was asked, with what the caller needs to
 * react to it. The set is closed; {@link #code()} is stable and {@link #detail()} is a
 * sentence safe to show to the end user (it never contains a secret).
 */
public sealed interface Problem {

    ErrorCode code();

    String detail();

    /** One input that failed validation. */
    record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Some inputs are missing or malformed. */
    record InvalidInput(List<FieldError> errors) implements Problem {
        public InvalidInput {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid input names at least one field");
            }
        }

        public static InvalidInput of(String field, String message) {
            return new InvalidInput(List.of(new FieldError(field, message)));
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.VALIDATION_FAILED;
        }

        @Override
        public String detail() {
            return "Some fields are invalid.";
        }
    }

    /** The password breaks one or more rules of the password policy. */
    record PasswordRejected(List<PasswordRule> violations) implements Problem {
        public PasswordRejected {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejected password breaks at least one rule");
            }
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.PASSWORD_REJECTED;
        }

        @Override
        public String detail() {
            return "The password was rejected: " + violations.get(0).description() + ".";
        }
    }

    /** Another account of the tenant already has this username (whatever its case). */
    record UsernameTaken() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.USERNAME_TAKEN;
        }

        @Override
        public String detail() {
            return "This username is taken.";
        }
    }

    /** Another account of the tenant already has this email address. */
    record EmailTaken() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.EMAIL_TAKEN;
        }

        @Override
        public String detail() {
            return "This email address is in use.";
        }
    }

    /** Unknown user or wrong password: deliberately the same answer for both. */
    record InvalidCredentials() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.INVALID_CREDENTIALS;
        }

        @Override
        public String detail() {
            return "The login or password is wrong.";
        }
    }

    /** Too many failed logins; the account accepts none until {@code lockedUntil}. */
    record AccountLocked(Instant lockedUntil) implements Problem {
        public AccountLocked {
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.ACCOUNT_LOCKED;
        }

        @Override
        public String detail() {
            return "The account is locked after too many failed logins; try again later.";
        }
    }

    /** The account is suspended or deactivated. */
    record AccountInactive(AccountStatus status) implements Problem {
        public AccountInactive {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.ACCOUNT_INACTIVE;
        }

        @Override
        public String detail() {
            return "The account is not active.";
        }
    }

    /** The action needs a verified email address. */
    record EmailUnverified() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.EMAIL_UNVERIFIED;
        }

        @Override
        public String detail() {
            return "The email address is not verified yet.";
        }
    }

    /** The email address is verified already; there is nothing to verify. */
    record EmailAlreadyVerified() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.EMAIL_ALREADY_VERIFIED;
        }

        @Override
        public String detail() {
            return "The email address is already verified.";
        }
    }

    /** The session or refresh token is unknown, expired or revoked. */
    record InvalidToken() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.INVALID_TOKEN;
        }

        @Override
        public String detail() {
            return "The token is invalid or expired.";
        }
    }

    /**
     * A refresh token was presented after it had been rotated: a sign it was stolen. The
     * whole session has been revoked.
     */
    record RefreshTokenReused() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.REFRESH_TOKEN_REUSED;
        }

        @Override
        public String detail() {
            return "The refresh token was already used; the session has been ended.";
        }
    }

    /**
     * The one-time code is wrong. {@code attemptsLeft} says how many more tries remain, except
     * for password-reset codes, where it is empty so the answer does not reveal whether an
     * account exists for the address.
     */
    record CodeInvalid(OptionalInt attemptsLeft) implements Problem {
        public CodeInvalid {
            Objects.requireNonNull(attemptsLeft, "attemptsLeft");
            if (attemptsLeft.isPresent() && attemptsLeft.getAsInt() < 0) {
                throw new IllegalArgumentException("attemptsLeft must not be negative");
            }
        }

        public static CodeInvalid withAttemptsLeft(int attemptsLeft) {
            return new CodeInvalid(OptionalInt.of(attemptsLeft));
        }

        public static CodeInvalid withoutDetail() {
            return new CodeInvalid(OptionalInt.empty());
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.OTP_INVALID;
        }

        @Override
        public String detail() {
            return attemptsLeft.isPresent()
                    ? "The code is wrong; " + attemptsLeft.getAsInt()
                            + (attemptsLeft.getAsInt() == 1 ? " attempt" : " attempts") + " left."
                    : "The code is wrong or no longer valid.";
        }
    }

    /** The one-time code has expired; request a new one. */
    record CodeExpired() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.OTP_EXPIRED;
        }

        @Override
        public String detail() {
            return "The code has expired; request a new one.";
        }
    }

    /** Too many wrong tries: the code is dead; request a new one. */
    record CodeAttemptsExhausted() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.OTP_ATTEMPTS_EXHAUSTED;
        }

        @Override
        public String detail() {
            return "Too many wrong attempts; request a new code.";
        }
    }

    /** No code is pending for this purpose. */
    record CodeNotFound() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.OTP_NOT_FOUND;
        }

        @Override
        public String detail() {
            return "No code is pending; request one first.";
        }
    }

    /**
     * Too many requests of this kind; allowed again at {@code retryAt}.
     *
     * @param limit the attempts the window allows, when the caller may be told
     */
    record RateLimited(Instant retryAt, OptionalInt limit) implements Problem {
        public RateLimited {
            Objects.requireNonNull(retryAt, "retryAt");
            Objects.requireNonNull(limit, "limit");
        }

        public RateLimited(Instant retryAt) {
            this(retryAt, OptionalInt.empty());
        }

        public RateLimited(Instant retryAt, int limit) {
            this(retryAt, OptionalInt.of(limit));
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.RATE_LIMITED;
        }

        @Override
        public String detail() {
            return "Too many requests; try again later.";
        }
    }

    /** No such user in this tenant. */
    record UserNotFound() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.USER_NOT_FOUND;
        }

        @Override
        public String detail() {
            return "No such user.";
        }
    }

    /** No such session for this user. */
    record SessionNotFound() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.SESSION_NOT_FOUND;
        }

        @Override
        public String detail() {
            return "No such session.";
        }
    }

    /** The account's status does not allow this change, e.g. reactivating an active account. */
    record AccountStateConflict(AccountStatus current) implements Problem {
        public AccountStateConflict {
            Objects.requireNonNull(current, "current");
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.ACCOUNT_STATE_CONFLICT;
        }

        @Override
        public String detail() {
            return "The account's status does not allow this change.";
        }
    }

    /** No configured plan names this meter: a mistyped meter is refused, never metered. */
    record UnknownMeter(String meter) implements Problem {
        public UnknownMeter {
            Objects.requireNonNull(meter, "meter");
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.UNKNOWN_METER;
        }

        @Override
        public String detail() {
            return "No plan has a meter named '" + meter + "'.";
        }
    }

    /** No such live API key for this user. */
    record ApiKeyNotFound() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.KEY_NOT_FOUND;
        }

        @Override
        public String detail() {
            return "No such API key.";
        }
    }

    /** The key is stored only as a digest (no master key was configured): it cannot be shown again. */
    record ApiKeyNotRecoverable() implements Problem {
        @Override
        public ErrorCode code() {
            return ErrorCode.KEY_NOT_RECOVERABLE;
        }

        @Override
        public String detail() {
            return "This key cannot be shown again; regenerate it for a new one.";
        }
    }

    /** Password hashing is saturated; the call waited and gave up. Retry after a moment. */
    record ServiceBusy(Duration retryAfter) implements Problem {
        public ServiceBusy {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.SERVICE_BUSY;
        }

        @Override
        public String detail() {
            return "The service is busy; try again shortly.";
        }
    }
}
