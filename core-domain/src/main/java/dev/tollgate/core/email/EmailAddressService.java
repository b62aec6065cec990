package dev.tollgate.core.email;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.password.Credentials;
import dev.tollgate.core.throttle.Throttles;
import dev.tollgate.core.user.User;
import dev.tollgate.core.user.Users;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.email.EmailStatus;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.audit.AuditType;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.user.EmailChangeResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifying addresses with mailed codes and changing them. A changed address is unverified
 * until its code is entered; the old address is told of the change.
 */
public final class EmailAddressService implements EmailAddresses {

    private final Users users;
    private final OneTimeCodes codes;
    private final Credentials credentials;
    private final Clock clock;
    private final Auditor auditor;
    private final Throttles throttles;

    public EmailAddressService(Users users, OneTimeCodes codes, Credentials credentials, Clock clock, Auditor auditor, Throttles throttles) {
        this.users = Objects.requireNonNull(users, "users");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
    }

    @Override
    public Outcome<CodeSent> sendVerificationCode(UserRef ref, RequestContext context) {
        return users.load(ref).flatMap(user -> {
            if (user.record().emailVerified()) {
                return Outcome.refused(new Problem.EmailAlreadyVerified());
            }
            return codes.permitSend(ref.tenant(), user.record().email(), CodePurpose.EMAIL_VERIFICATION)
                    .map(permit -> codes.issue(permit, user, context));
        });
    }

    @Override
    public Outcome<UserView> verify(UserRef ref, String code, RequestContext context) {
        Optional<Problem> throttled = throttles.admit(Action.CODE_ENTRY, ref.tenant(), context, ref.id().toString());
        if (throttled.isPresent()) {
            auditor.event(AuditType.EMAIL_VERIFIED, ref.tenant(), ref.id(), context).failed(throttled.get().code());
            return Outcome.refused(throttled.get());
        }
        Outcome<UserView> verified = users.load(ref).flatMap(user -> {
            if (user.record().emailVerified()) {
                return Outcome.refused(new Problem.EmailAlreadyVerified());
            }
            return codes.attempt(ref, CodePurpose.EMAIL_VERIFICATION, code).flatMap(matched -> {
                // the code proves the address it was sent to, which must still be the user's
                if (!users.store().markEmailVerified(ref, matched.sentTo(), clock.instant())) {
                    return Outcome.refused(new Problem.CodeNotFound());
                }
                return users.load(ref).map(User::view);
            });
        });
        auditor.event(AuditType.EMAIL_VERIFIED, ref.tenant(), ref.id(), context).outcome(verified);
        return verified;
    }

    @Override
    public Outcome<EmailStatus> status(UserRef ref) {
        return users.load(ref).map(user -> new EmailStatus(user.record().email(), user.record().emailVerified(),
                user.record().emailVerified() ? null
                        : codes.pendingUntil(ref, CodePurpose.EMAIL_VERIFICATION).orElse(null)));
    }

    @Override
    public Outcome<CodeSent> change(UserRef ref, String newEmail, String password, RequestContext context) {
        Optional<Email> parsed = Email.parse(newEmail);
        if (parsed.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("new_email", "must be a valid email address"));
        }
        Email next = parsed.get();
        Outcome<CodeSent> changed = users.load(ref)
                .flatMap(user -> credentials.check(user, password, context))
                .flatMap(user -> {
                    if (user.record().email().equals(next)) {
                        return Outcome.refused(Problem.InvalidInput.of("new_email", "is the current address"));
                    }
                    // a taken address must not use up its owner's sends; the store still decides atomically
                    if (users.store().findByEmail(ref.tenant(), next).isPresent()) {
                        return Outcome.refused(new Problem.EmailTaken());
                    }
                    return codes.permitSend(ref.tenant(), next, CodePurpose.EMAIL_VERIFICATION)
                            .flatMap(permit -> switchAddress(user, next, context)
                                    .map(changedUser -> codes.issue(permit, changedUser, context)));
                });
        if (!changed.isDone()) {
            auditor.event(AuditType.EMAIL_CHANGED, ref.tenant(), ref.id(), context).failed(changed.problem().code());
        }
        return changed;
    }

    private Outcome<User> switchAddress(User user, Email next, RequestContext context) {
        Instant now = clock.instant();
        EmailChangeResult result = users.store().changeEmail(user.ref(), next, now);
        if (result == EmailChangeResult.EMAIL_TAKEN) {
            return Outcome.refused(new Problem.EmailTaken());
        }
        if (result == EmailChangeResult.NOT_FOUND) {
            return Outcome.refused(new Problem.UserNotFound());
        }
        Email old = user.record().email();
        auditor.event(AuditType.EMAIL_CHANGED, user.ref().tenant(), user.ref().id(), context).succeeded();
        codes.deliver(new MailMessage.EmailChanged(user.ref().tenant(), old, user.record().username(), next),
                user.ref(), context);
        return users.load(user.ref());
    }
}
