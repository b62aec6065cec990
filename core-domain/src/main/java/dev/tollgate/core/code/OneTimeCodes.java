package dev.tollgate.core.code;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.settings.CodeSettings;
import dev.tollgate.port.spi.code.AttemptResult;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.mail.MailDeliveryException;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.mail.Mailer;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one-time code rules: a code of the set number of digits from the random source, kept
 * only as a digest, valid for its purpose's lifetime, dead after the set number of wrong
 * tries, replaced by any newer code, and sent at most the set number of times per address,
 * purpose and window.
 */
public final class OneTimeCodes {

    private static final System.Logger LOG = System.getLogger(OneTimeCodes.class.getName());

    private final OneTimeCodeStore store;
    private final WindowCounters counters;
    private final CodeSendLimit sendLimit;
    private final Mailer mailer;
    private final Secrets secrets;
    private final CodeSettings settings;
    private final Clock clock;
    private final Auditor auditor;

    public OneTimeCodes(OneTimeCodeStore store, WindowCounters counters, Mailer mailer, Secrets secrets,
            CodeSettings settings, Clock clock, Auditor auditor) {
        this.store = Objects.requireNonNull(store, "store");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.sendLimit = new CodeSendLimit(settings);
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /**
     * Takes one of the address's sends for {@code purpose} in the current window, or answers
     * {@code RATE_LIMITED} with when the window ends, by the {@link CodeSendLimit}.
     */
    public Outcome<SendPermit> permitSend(TenantId tenant, Email to, CodePurpose purpose) {
        Acquisition send = counters.tryAcquire(sendLimit.counter(tenant, to, purpose), sendLimit.limit(),
                clock.instant());
        return sendLimit.refusal(send).<Outcome<SendPermit>>map(Outcome::refused)
                .orElseGet(() -> Outcome.done(new SendPermit(tenant, to, purpose)));
    }

    /**
     * Issues a new code for the permit's purpose (the user's earlier one stops working) and mails
     * it. A mail failure is audited and answered with {@code delivered = false}: the code
     * stands, and the user can ask again.
     */
    public CodeSent issue(SendPermit permit, User user, RequestContext context) {
        if (!permit.tenant().equals(user.ref().tenant())) {
            throw new IllegalArgumentException("the send permit is for another tenant");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime(permit.purpose()));
        String code = secrets.newCode(settings.digits());
        store.issue(new OneTimeCode(user.ref(), permit.purpose(), permit.to(), digest(user.ref(), permit.purpose(), code),
                now, expiresAt, 0, settings.maxAttempts()));
        MailMessage message = permit.purpose() == CodePurpose.EMAIL_VERIFICATION
                ? new MailMessage.VerificationCode(user.ref().tenant(), permit.to(), user.record().username(), code, expiresAt)
                : new MailMessage.PasswordResetCode(user.ref().tenant(), permit.to(), user.record().username(), code, expiresAt);
        boolean delivered = deliver(message, user.ref(), context);
        auditor.event(AuditType.VERIFICATION_CODE_SENT, user.ref().tenant(), user.ref().id(), context)
                .with(Map.of("purpose", permit.purpose().name(), "delivered", Boolean.toString(delivered)))
                .succeeded();
        return new CodeSent(permit.to(), expiresAt, delivered);
    }

    /**
     * One try of {@code code}. The matched code is consumed. Malformed input is refused before
     * it reaches the store and is not counted.
     */
    public Outcome<OneTimeCode> attempt(UserRef user, CodePurpose purpose, String code) {
        Optional<Problem> malformed = formatProblem(code);
        if (malformed.isPresent()) {
            return Outcome.refused(malformed.get());
        }
        AttemptResult result = store.attempt(user, purpose, digest(user, purpose, code.strip()), clock.instant());
        switch (result.kind()) {
            case MATCHED:
                return Outcome.done(result.code());
            case MISMATCHED:
                return Outcome.refused(Problem.CodeInvalid.withAttemptsLeft(result.attemptsLeft()));
            case EXPIRED:
                return Outcome.refused(new Problem.CodeExpired());
            case EXHAUSTED:
                return Outcome.refused(new Problem.CodeAttemptsExhausted());
            default:
                return Outcome.refused(new Problem.CodeNotFound());
        }
    }

    /**
     * Whether {@code code} is the user's code for {@code purpose} that has expired: only the one
     * who received it can learn that it expired, so the answer reveals nothing to a guesser.
     */
    public boolean isExpired(UserRef user, CodePurpose purpose, String code) {
        if (formatProblem(code).isPresent()) {
            return false;
        }
        String presented = digest(user, purpose, code.strip());
        return store.find(user, purpose)
                .filter(stored -> !stored.expiresAt().isAfter(clock.instant()))
                .filter(stored -> MessageDigest.isEqual(stored.codeDigest().getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8)))
                .isPresent();
    }

    /** When the user's pending code for {@code purpose} expires, if one can still be used. */
    public Optional<Instant> pendingUntil(UserRef user, CodePurpose purpose) {
        Instant now = clock.instant();
        return store.find(user, purpose)
                .filter(code -> code.expiresAt().isAfter(now) && code.attempts() < code.maxAttempts())
                .map(OneTimeCode::expiresAt);
    }

    /** When the user's pending code for {@code purpose}, mailed to {@code sentTo}, expires, if it can still be used. */
    public Optional<Instant> pendingUntil(UserRef user, CodePurpose purpose, Email sentTo) {
        Instant now = clock.instant();
        return store.find(user, purpose)
                .filter(code -> code.sentTo().equals(sentTo))
                .filter(code -> code.expiresAt().isAfter(now) && code.attempts() < code.maxAttempts())
                .map(OneTimeCode::expiresAt);
    }

    /**
     * Mails a notice (no code); a failure is audited and logged, never thrown, because the
     * action it tells of is already done.
     */
    public boolean deliver(MailMessage message, UserRef about, RequestContext context) {
        try {
            mailer.send(message);
            return true;
        } catch (MailDeliveryException e) {
            LOG.log(Level.WARNING, "mail " + message.getClass().getSimpleName() + " for user " + about.id()
                    + " was not delivered: " + e.getMessage());
            auditor.event(AuditType.MAIL_FAILED, about.tenant(), about.id(), context)
                    .with(Map.of("mail", message.getClass().getSimpleName()))
                    .failed(ErrorCode.MAIL_UNDELIVERED);
            return false;
        }
    }

    private Duration lifetime(CodePurpose purpose) {
        return purpose == CodePurpose.EMAIL_VERIFICATION ? settings.verificationLifetime() : settings.resetLifetime();
    }

    /** Why {@code code} cannot be a code at all, if it cannot: checked before any store is asked. */
    public Optional<Problem> formatProblem(String code) {
        String stripped = code == null ? "" : code.strip();
        if (stripped.length() == settings.digits() && stripped.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Problem.InvalidInput.of("code", "must be " + settings.digits() + " digits"));
    }

    private String digest(UserRef user, CodePurpose purpose, String code) {
        return secrets.digest("code:" + purpose.name() + ":" + user.tenant() + ":" + user.id(), code);
    }

    /** One send of a code to an address, granted by the send limit. */
    public record SendPermit(TenantId tenant, Email to, CodePurpose purpose) {
        public SendPermit {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(purpose, "purpose");
        }
    }
}
