package dev.tollgate.core.email;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.password.Credentials;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.email.CodeRequested;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.email.EmailStatus;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.user.EmailChangeResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Verifying addresses with mailed codes and changing them. A user awaits at most one code: for
 * the pending new address while a change is pending, else for the current address while it is
 * unverified. A change stays pending, the old address in force, until the code mailed to the
 * new address is entered; then the store moves the address in one step and the old address is
 * told. Verification by address and code needs no session and answers alike for every address.
 */
public final class EmailAddressService implements EmailAddresses {

    private static final System.Logger LOG = System.getLogger(EmailAddressService.class.getName());
    private static final int CANCEL_ROUNDS = 3;

    private final UserStore users;
    private final OneTimeCodes codes;
    private final Credentials credentials;
    private final Executor background;
    private final Clock clock;
    private final Auditor auditor;
    private final Throttles throttles;
    private final TenantGate tenants;

    public EmailAddressService(UserStore users, OneTimeCodes codes, Credentials credentials, Executor background,
            Clock clock, Auditor auditor, Throttles throttles, TenantGate tenants) {
        this.users = Objects.requireNonNull(users, "users");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.background = Objects.requireNonNull(background, "background");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    /** The address a code is awaited for: the pending new one, else the current one while unverified. */
    private static Optional<Email> awaitingCode(UserRecord user) {
        if (user.pendingEmail() != null) {
            return Optional.of(user.pendingEmail());
        }
        return user.emailVerified() ? Optional.empty() : Optional.of(user.email());
    }

    @Override
    public Outcome<CodeSent> sendVerificationCode(UserRef ref, RequestContext context) {
        return User.load(users, ref).flatMap(user -> awaitingCode(user.record())
                .map(address -> codes.permitSend(ref.tenant(), address, CodePurpose.EMAIL_VERIFICATION)
                        .map(permit -> codes.issue(permit, user, context)))
                .orElseGet(() -> Outcome.refused(new Problem.EmailAlreadyVerified())));
    }

    @Override
    public Outcome<CodeRequested> requestVerificationCode(TenantId tenant, String email, RequestContext context) {
        Objects.requireNonNull(tenant, "tenant");
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Optional<Email> address = Email.parse(email);
        if (address.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("email", "must be a valid email address"));
        }
        // the send limit counts every address alike, so a refusal tells nothing about an account
        return codes.permitSend(tenant, address.get(), CodePurpose.EMAIL_VERIFICATION).map(permit -> {
            try {
                background.execute(() -> sendIfAwaited(permit, context));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "verification mail dropped: the background executor is saturated or shut down");
            }
            return new CodeRequested();
        });
    }

    private void sendIfAwaited(OneTimeCodes.SendPermit permit, RequestContext context) {
        try {
            users.findByEmail(permit.tenant(), permit.to())
                    .filter(user -> awaitingCode(user).filter(permit.to()::equals).isPresent())
                    .map(User::restore)
                    .ifPresent(user -> codes.issue(permit, user, context));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "verification code could not be issued", e);
        }
    }

    @Override
    public Outcome<UserView> verify(UserRef ref, String code, RequestContext context) {
        Optional<Problem> throttled = throttles.admit(Action.CODE_ENTRY, ref.tenant(), context, ref.id().toString());
        if (throttled.isPresent()) {
            auditor.event(AuditType.EMAIL_VERIFIED, ref.tenant(), ref.id(), context).failed(throttled.get().code());
            return Outcome.refused(throttled.get());
        }
        Outcome<UserView> verified = User.load(users, ref).flatMap(user -> {
            if (awaitingCode(user.record()).isEmpty()) {
                return Outcome.refused(new Problem.EmailAlreadyVerified());
            }
            return codes.attempt(ref, CodePurpose.EMAIL_VERIFICATION, code)
                    .flatMap(matched -> prove(ref, matched.sentTo(), context));
        });
        auditor.event(AuditType.EMAIL_VERIFIED, ref.tenant(), ref.id(), context).outcome(verified);
        return verified;
    }

    /**
     * The code proves the address it was sent to, which must still be awaiting it: the pending
     * address (the change is confirmed) or the current, unverified one.
     */
    private Outcome<UserView> prove(UserRef ref, Email sentTo, RequestContext context) {
        return User.load(users, ref).flatMap(user -> {
            Instant now = clock.instant();
            if (sentTo.equals(user.record().pendingEmail())) {
                return confirmChange(user, sentTo, now, context);
            }
            if (!users.markEmailVerified(ref, sentTo, now).isApplied()) {
                return Outcome.refused(new Problem.CodeNotFound());
            }
            return User.load(users, ref).map(User::view);
        });
    }

    private Outcome<UserView> confirmChange(User user, Email next, Instant now, RequestContext context) {
        UserRef ref = user.ref();
        Email old = user.record().email();
        EmailChangeResult result = users.confirmPendingEmail(ref, next, now);
        switch (result.kind()) {
            case CHANGED:
                auditor.event(AuditType.EMAIL_CHANGED, ref.tenant(), ref.id(), context).succeeded();
                codes.deliver(new MailMessage.EmailChanged(ref.tenant(), old, user.record().username(), next), ref,
                        context);
                return User.load(users, ref).map(User::view);
            case EMAIL_TAKEN:
                // the code is spent and the address gone: the change cannot complete, so it ends
                users.clearPendingEmail(ref, next, now);
                auditor.event(AuditType.EMAIL_CHANGED, ref.tenant(), ref.id(), context).failed(ErrorCode.EMAIL_TAKEN);
                return Outcome.refused(new Problem.EmailTaken());
            case NOT_FOUND:
                return Outcome.refused(new Problem.UserNotFound());
            default:
                // cancelled or replaced since the code was read
                return Outcome.refused(new Problem.CodeNotFound());
        }
    }

    @Override
    public Outcome<UserView> verifyAddress(TenantId tenant, String email, String code, RequestContext context) {
        Objects.requireNonNull(tenant, "tenant");
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        // everything that does not depend on an account is judged first
        Optional<Email> address = Email.parse(email);
        if (address.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("email", "must be a valid email address"));
        }
        Optional<Problem> malformed = codes.formatProblem(code);
        if (malformed.isPresent()) {
            return Outcome.refused(malformed.get());
        }
        Optional<Problem> throttled = throttles.admit(Action.CODE_ENTRY, tenant, context, address.get().value());
        if (throttled.isPresent()) {
            return Outcome.refused(throttled.get());
        }
        // only a code for this very address, awaited by its owner, can match; the code itself
        // is kept per user, so an address that awaits none has nothing to try
        Optional<UserRecord> owner = users.findByEmail(tenant, address.get())
                .filter(user -> awaitingCode(user).filter(address.get()::equals).isPresent());
        Outcome<UserView> verified = owner
                .map(user -> codes.attempt(user.ref(), CodePurpose.EMAIL_VERIFICATION, code)
                        .flatMap(matched -> proveAddress(user.ref(), matched, address.get())))
                .orElseGet(() -> Outcome.refused(Problem.CodeInvalid.withoutDetail()));
        // every failure answers alike, but the mailed code itself after its lifetime: only its
        // recipient can present it, so OTP_EXPIRED reveals nothing to a guesser (as for resets)
        Outcome<UserView> answer = verified.isDone() ? verified
                : owner.filter(user -> codes.isExpired(user.ref(), CodePurpose.EMAIL_VERIFICATION, code)).isPresent()
                ? Outcome.refused(new Problem.CodeExpired())
                : Outcome.refused(Problem.CodeInvalid.withoutDetail());
        auditor.event(AuditType.EMAIL_VERIFIED, tenant, owner.map(user -> user.ref().id()).orElse(null), context)
                .outcome(verified);
        return answer;
    }

    private Outcome<UserView> proveAddress(UserRef ref, OneTimeCode matched, Email address) {
        if (!matched.sentTo().equals(address) || !users.markEmailVerified(ref, address, clock.instant()).isApplied()) {
            return Outcome.refused(new Problem.CodeNotFound());
        }
        return User.load(users, ref).map(User::view);
    }

    @Override
    public Outcome<EmailStatus> status(UserRef ref) {
        return User.load(users, ref).map(user -> statusOf(user.record()));
    }

    private EmailStatus statusOf(UserRecord user) {
        Instant codeExpiresAt = awaitingCode(user)
                .flatMap(address -> codes.pendingUntil(user.ref(), CodePurpose.EMAIL_VERIFICATION, address))
                .orElse(null);
        return new EmailStatus(user.email(), user.emailVerified(), user.pendingEmail(), codeExpiresAt);
    }

    @Override
    public Outcome<CodeSent> change(UserRef ref, String newEmail, String password, RequestContext context) {
        Optional<Email> parsed = Email.parse(newEmail);
        if (parsed.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("new_email", "must be a valid email address"));
        }
        Email next = parsed.get();
        Outcome<CodeSent> requested = User.load(users, ref)
                .flatMap(user -> credentials.check(user, password, context))
                .flatMap(user -> {
                    if (user.record().email().equals(next)) {
                        return Outcome.refused(Problem.InvalidInput.of("new_email", "is the current address"));
                    }
                    // a taken address must not use up its owner's sends; confirming decides atomically
                    if (users.findByEmail(ref.tenant(), next).isPresent()) {
                        return Outcome.refused(new Problem.EmailTaken());
                    }
                    return codes.permitSend(ref.tenant(), next, CodePurpose.EMAIL_VERIFICATION).flatMap(permit -> {
                        if (!users.setPendingEmail(ref, next, clock.instant()).isApplied()) {
                            return Outcome.refused(new Problem.UserNotFound());
                        }
                        return User.load(users, ref).map(pending -> codes.issue(permit, pending, context));
                    });
                });
        auditor.event(AuditType.EMAIL_CHANGE_REQUESTED, ref.tenant(), ref.id(), context).outcome(requested);
        return requested;
    }

    @Override
    public Outcome<EmailStatus> cancelChange(UserRef ref, RequestContext context) {
        for (int round = 0; round < CANCEL_ROUNDS; round++) {
            Outcome<User> loaded = User.load(users, ref);
            if (!loaded.isDone()) {
                return Outcome.refused(loaded.problem());
            }
            UserRecord user = loaded.orElseThrow().record();
            if (user.pendingEmail() == null) {
                return Outcome.done(statusOf(user));
            }
            // compare-and-set: a change made since the read is cancelled in the next round
            if (users.clearPendingEmail(ref, user.pendingEmail(), clock.instant()).isApplied()) {
                auditor.event(AuditType.EMAIL_CHANGE_CANCELLED, ref.tenant(), ref.id(), context).succeeded();
                return status(ref);
            }
        }
        throw new IllegalStateException("the pending email change of " + ref.id() + " keeps changing");
    }
}
