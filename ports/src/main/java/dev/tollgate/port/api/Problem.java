package dev.tollgate.port.api;

import dev.tollgate.port.AccountStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An expected reason a use case did not do what was asked, with what the caller needs to
 * react to it. The set is closed: one record per {@link ErrorCode}, holding only the data the
 * caller needs (a record without components carries nothing but its code). {@link #code()} is
 * stable and {@link #detail()} is a sentence safe to show to the end user (it never contains a
 * secret); both come from the {@link ErrorCode}.
 */
public sealed interface Problem {

    /** The stable code of this problem, the one {@link ErrorCode} that names its type. */
    default ErrorCode code() {
        return ErrorCode.of(this);
    }

    /** The code's sentence, with this problem's data filled in where the sentence shows it. */
    default String detail() {
        return code().detail();
    }

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
    }

    /** The password breaks one or more rules of the password policy; the detail names the first. */
    record PasswordRejected(List<Rule> violations) implements Problem {
        public PasswordRejected {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a rejected password breaks at least one rule");
            }
        }

        @Override
        public String detail() {
            return code().detail().formatted(violations.get(0).description());
        }

        /** The rules of the password policy, named so a rejection says which one failed. */
        public enum Rule {
            TOO_SHORT("it is shorter than the minimum length"),
            TOO_LONG("it is longer than the maximum length"),
            COMMON("it is among commonly used passwords"),
            CONTAINS_USERNAME("it contains the username"),
            CONTAINS_EMAIL("it contains the email address"),
            TOO_WEAK("it is too easy to guess");

            private final String description;

            Rule(String description) {
                this.description = description;
            }

            /** A lower-case phrase saying what is wrong, fit to follow "the password was rejected: ". */
            public String description() {
                return description;
            }
        }
    }

    /** Another account of the tenant already has this username (whatever its case). */
    record UsernameTaken() implements Problem {
    }

    /** Another account of the tenant already has this email address. */
    record EmailTaken() implements Problem {
    }

    /** Unknown user or wrong password: deliberately the same answer for both. */
    record InvalidCredentials() implements Problem {
    }

    /** Too many failed logins; the account accepts none until {@code lockedUntil}. */
    record AccountLocked(Instant lockedUntil) implements Problem {
        public AccountLocked {
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }
    }

    /** The account is suspended or deactivated. */
    record AccountInactive(AccountStatus status) implements Problem {
        public AccountInactive {
            Objects.requireNonNull(status, "status");
        }
    }

    /** The action needs a verified email address. */
    record EmailUnverified() implements Problem {
    }

    /** The email address is verified already; there is nothing to verify. */
    record EmailAlreadyVerified() implements Problem {
    }

    /** The session or refresh token is unknown, expired or revoked. */
    record InvalidToken() implements Problem {
    }

    /**
     * A refresh token was presented after it had been rotated: a sign it was stolen. The
     * whole session has been revoked.
     */
    record RefreshTokenReused() implements Problem {
    }

    /**
     * The one-time code is wrong. {@code attemptsLeft} says how many more tries remain, except
     * for password-reset codes, where it is empty so the answer does not reveal whether an
     * account exists for the address; the detail then is the code's own sentence.
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
        public String detail() {
            if (attemptsLeft.isEmpty()) {
                return code().detail();
            }
            int left = attemptsLeft.getAsInt();
            return "The code is wrong; " + left + (left == 1 ? " attempt" : " attempts") + " left.";
        }
    }

    /** The one-time code has expired; request a new one. */
    record CodeExpired() implements Problem {
    }

    /** Too many wrong tries: the code is dead; request a new one. */
    record CodeAttemptsExhausted() implements Problem {
    }

    /** No code is pending for this purpose. */
    record CodeNotFound() implements Problem {
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
    }

    /** No such user in this tenant. */
    record UserNotFound() implements Problem {
    }

    /** No such session for this user. */
    record SessionNotFound() implements Problem {
    }

    /** The account's status does not allow this change, e.g. reactivating an active account. */
    record AccountStateConflict(AccountStatus current) implements Problem {
        public AccountStateConflict {
            Objects.requireNonNull(current, "current");
        }
    }

    /** The mail server did not take a message; what it was for did not happen. */
    record MailUndelivered() implements Problem {
    }

    /** No such live API key for this user, or (verifying a key) no such key at all. */
    record ApiKeyNotFound() implements Problem {
    }

    /** The key is stored only as a digest (no master key was configured): it cannot be shown again. */
    record ApiKeyNotRecoverable() implements Problem {
    }

    /** The API key presented was revoked. */
    record ApiKeyRevoked() implements Problem {
    }

    /** The API key presented is past its expiry. */
    record ApiKeyExpired() implements Problem {
    }

    /** The account that owns the API key presented is suspended, deactivated or being deleted. */
    record UserInactive() implements Problem {
    }

    /** The key owner's plan does not grant {@code entitlement}. */
    record EntitlementMissing(String entitlement) implements Problem {
        public EntitlementMissing {
            Objects.requireNonNull(entitlement, "entitlement");
        }

        @Override
        public String detail() {
            return code().detail().formatted(entitlement);
        }
    }

    /** What is left of {@code meter} (allowance and top-ups) is less than the cost asked; nothing was taken. */
    record InsufficientCredits(String meter) implements Problem {
        public InsufficientCredits {
            Objects.requireNonNull(meter, "meter");
        }

        @Override
        public String detail() {
            return code().detail().formatted(meter);
        }
    }

    /** No configured plan names this meter: a mistyped meter is refused, never metered. */
    record UnknownMeter(String meter) implements Problem {
        public UnknownMeter {
            Objects.requireNonNull(meter, "meter");
        }

        @Override
        public String detail() {
            return code().detail().formatted(meter);
        }
    }

    /** Password hashing is saturated; the call waited and gave up. Retry after a moment. */
    record ServiceBusy(Duration retryAfter) implements Problem {
        public ServiceBusy {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * The acting staff member or service account lacks the permission, acts outside its tenant,
     * or on a staff account of an equal or higher tier; nothing was changed.
     */
    record PermissionDenied() implements Problem {
    }

    /** No tenant has this id. */
    record TenantNotFound() implements Problem {
    }

    /** The tenant was disabled: its users cannot log in and its keys do not verify. */
    record TenantDisabled() implements Problem {
    }

    /** A tenant with this id exists already. */
    record TenantTaken() implements Problem {
    }

    /** The user holds no staff role. */
    record StaffNotFound() implements Problem {
    }

    /** The user holds a staff role already; change it instead. */
    record AlreadyStaff() implements Problem {
    }

    /** The change would leave no holder of the highest role. */
    record LastSuperAdmin() implements Problem {
    }

    /** No such live service account in this tenant. */
    record ServiceAccountNotFound() implements Problem {
    }

    /** A super admin exists, so the first-run setup is closed. */
    /**
     * The password was right and a second factor guards the account: the login continues with
     * {@code challenge} and a code until {@code expiresAt}. The challenge is a secret of the
     * login, so {@link #toString()} does not print it.
     */
    record MfaRequired(String challenge, Instant expiresAt) implements Problem {
        public MfaRequired {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "MfaRequired[challenge=***, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * The password was right, the account must use a second factor and has none: with
     * {@code challenge}, until {@code expiresAt}, the user enrols one and completes the login.
     */
    record MfaEnrolmentRequired(String challenge, Instant expiresAt) implements Problem {
        public MfaEnrolmentRequired {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "MfaEnrolmentRequired[challenge=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** A wrong, reused or stale second-factor code; {@code attemptsLeft} before the second step locks. */
    record MfaCodeInvalid(OptionalInt attemptsLeft) implements Problem {
        public MfaCodeInvalid {
            Objects.requireNonNull(attemptsLeft, "attemptsLeft");
        }
    }

    /** Too many wrong second-factor codes: no code is taken before {@code lockedUntil}. */
    record MfaLocked(Instant lockedUntil) implements Problem {
        public MfaLocked {
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }
    }

    record MfaAlreadyEnabled() implements Problem {
    }

    record MfaNotEnabled() implements Problem {
    }

    /** Second factors need the master key that seals their secrets, and none is configured. */
    record MfaUnavailable() implements Problem {
    }

    /** The new password is one of the passwords the history remembers. */
    record PasswordReused() implements Problem {
    }

    /**
     * The password was right but has expired: {@code changeToken}, until {@code expiresAt}, only
     * sets a new password (and then opens the session). {@link #toString()} does not print it.
     */
    record PasswordExpired(String changeToken, Instant expiresAt) implements Problem {
        public PasswordExpired {
            Objects.requireNonNull(changeToken, "changeToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "PasswordExpired[changeToken=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** The API key is restricted to address ranges, and the client's address is in none of them. */
    record KeyIpNotAllowed() implements Problem {
    }

    /** An IP rule denies the client's address (or, in allow-list mode, no rule allows it). */
    record IpBlocked() implements Problem {
    }

    record IpRuleNotFound() implements Problem {
    }

    record SetupUnavailable() implements Problem {
    }
}
