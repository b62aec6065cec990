package dev.tollgate.core.password;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.PasswordRejected;
import dev.tollgate.port.api.account.UserView;
import dev.tollgate.port.api.password.PasswordChange;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.password.ResetRequested;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.session.SessionStore;
import dev.tollgate.port.spi.user.UserStore;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Changing a password (proving the current one) and resetting a forgotten one with a mailed
 * code. Either way the user's other sessions end and a notice is mailed. A reset request
 * answers at once and alike for every address: the lookup and the mail happen on the
 * background executor, so neither the answer nor its timing tells whether an account exists.
 */
public final class PasswordService implements Passwords {

    private static final System.Logger LOG = System.getLogger(PasswordService.class.getName());

    private final UserStore users;
    private final SessionStore sessions;
    private final Credentials credentials;
    private final PasswordPolicy policy;
    private final HashingGate gate;
    private final OneTimeCodes codes;
    private final Executor background;
    private final Clock clock;
    private final Auditor auditor;
    private final Throttles throttles;
    private final TenantGate tenants;
    private final PasswordAge age;

    /** @param age the history a new password may not repeat, and which remembers each one set */
    public PasswordService(UserStore users, SessionStore sessions, Credentials credentials, PasswordPolicy policy,
            HashingGate gate, OneTimeCodes codes, Executor background, Clock clock, Auditor auditor, Throttles throttles,
            TenantGate tenants, PasswordAge age) {
        this.age = Objects.requireNonNull(age, "age");
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.background = Objects.requireNonNull(background, "background");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    @Override
    public Outcome<UserView> change(PasswordChange change) {
        Outcome<UserView> changed = User.load(users, change.user())
                .flatMap(user -> credentials.check(user, change.currentPassword(), change.context()))
                // compare-and-set: a concurrent change since the check makes the current password stale
                .flatMap(user -> replace(user, change.newPassword(), change.keepSession(),
                        new Problem.InvalidCredentials(), change.context()))
                .map(User::view);
        auditor.event(AuditType.PASSWORD_CHANGED, change.user().tenant(), change.user().id(), change.context())
                .outcome(changed);
        return changed;
    }

    @Override
    public Outcome<ResetRequested> requestReset(TenantId tenant, String email, RequestContext context) {
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Optional<Email> address = Email.parse(email);
        if (address.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("email", "must be a valid email address"));
        }
        Optional<Problem> throttled = throttles.admit(Action.PASSWORD_RESET, tenant, context, address.get().value());
        if (throttled.isPresent()) {
            return Outcome.refused(throttled.get());
        }
        return codes.permitSend(tenant, address.get(), CodePurpose.PASSWORD_RESET).map(permit -> {
            try {
                background.execute(() -> sendResetCode(permit, context));
            } catch (RejectedExecutionException e) {
                LOG.log(Level.WARNING, "password reset mail dropped: the background executor is saturated or shut down");
            }
            return new ResetRequested();
        });
    }

    private void sendResetCode(OneTimeCodes.SendPermit permit, RequestContext context) {
        try {
            Optional<User> user = User.findByLogin(users, permit.tenant(), permit.to().value())
                    .filter(User::mayUseSessions);
            auditor.event(AuditType.PASSWORD_RESET_REQUESTED, permit.tenant(), user.map(u -> u.ref().id()).orElse(null),
                    context).by(null).succeeded();
            user.ifPresent(owner -> codes.issue(permit, owner, context));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "password reset code could not be issued", e);
        }
    }

    @Override
    public Outcome<UserView> confirmReset(TenantId tenant, String email, String code, String newPassword,
            RequestContext context) {
        // Everything that does not depend on the account is judged first, and the password is
        // hashed before the lookup, so an unknown address gets the same answers after the same work.
        Optional<Problem> disabled = tenants.refusalToUse(tenant);
        if (disabled.isPresent()) {
            return Outcome.refused(disabled.get());
        }
        Optional<Email> address = Email.parse(email);
        if (address.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("email", "must be a valid email address"));
        }
        if (newPassword == null || newPassword.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("new_password", "is required"));
        }
        Optional<Problem.FieldError> notText = TextRules.checkPassword("new_password", newPassword);
        if (notText.isPresent()) {
            return Outcome.refused(new Problem.InvalidInput(List.of(notText.get())));
        }
        Optional<Problem> malformedCode = codes.formatProblem(code);
        if (malformedCode.isPresent()) {
            return Outcome.refused(malformedCode.get());
        }
        Optional<Problem> throttled = throttles.admit(Action.CODE_ENTRY, tenant, context, address.get().value());
        if (throttled.isPresent()) {
            return Outcome.refused(throttled.get());
        }
        List<PasswordRejected.Rule> broken = policy.violations(newPassword, null, address.get());
        if (!broken.isEmpty()) {
            return Outcome.refused(new Problem.PasswordRejected(broken));
        }
        Outcome<String> hashed = gate.hash(newPassword);
        if (!hashed.isDone()) {
            return Outcome.refused(hashed.problem());
        }
        Optional<User> found = User.findByLogin(users, tenant, address.get().value());
        if (found.isEmpty()) {
            auditor.event(AuditType.PASSWORD_RESET, tenant, null, context).by(null).failed(ErrorCode.OTP_INVALID);
            return Outcome.refused(Problem.CodeInvalid.withoutDetail());
        }
        User user = found.get();
        Outcome<OneTimeCode> attempt = codes.attempt(user.ref(), CodePurpose.PASSWORD_RESET, code);
        Outcome<UserView> reset = attempt.isDone()
                ? resetWith(user, attempt.orElseThrow().sentTo(), newPassword, hashed.orElseThrow(), context)
                : Outcome.refused(refusalOf(user, code));
        auditor.event(AuditType.PASSWORD_RESET, tenant, user.ref().id(), context).outcome(reset);
        return reset;
    }

    /**
     * Every failed code is {@code OTP_INVALID}, whatever the store's reason, so the answer tells
     * no one whether the address has an account, except {@code OTP_EXPIRED} for the very code
     * that was mailed: only its recipient can present it.
     */
    private Problem refusalOf(User user, String code) {
        return codes.isExpired(user.ref(), CodePurpose.PASSWORD_RESET, code) ? new Problem.CodeExpired()
                : Problem.CodeInvalid.withoutDetail();
    }

    private Outcome<UserView> resetWith(User user, Email provenAddress, String newPassword, String hash,
            RequestContext context) {
        if (!provenAddress.equals(user.record().email())) {
            return Outcome.refused(Problem.CodeInvalid.withoutDetail());
        }
        // judged only now, with the code spent, so that the answer before it reveals no username
        List<PasswordRejected.Rule> broken = policy.violations(newPassword, user.record().username(), provenAddress);
        if (!broken.isEmpty()) {
            return Outcome.refused(new Problem.PasswordRejected(broken));
        }
        Outcome<User> fresh = age.refuseReuse(user, newPassword);
        if (!fresh.isDone()) {
            return Outcome.refused(fresh.problem());
        }
        Instant now = clock.instant();
        if (!users.resetPasswordHash(user.ref(), hash, now).isApplied()) {
            return Outcome.refused(Problem.CodeInvalid.withoutDetail());
        }
        age.remember(user, hash, now);
        // the code reached this address, which proves it
        users.markEmailVerified(user.ref(), provenAddress, now);
        sessions.revokeAll(user.ref(), now);
        codes.deliver(new MailMessage.PasswordChanged(user.ref().tenant(), provenAddress, user.record().username(), now),
                user.ref(), context);
        return User.load(users, user.ref()).map(User::view);
    }

    /**
     * Sets a new password over an expired one, for a login that proved the old one (and its
     * second factor): the policy and the history judge it, it replaces exactly the hash the login
     * checked, and the user's other sessions end. Answers the user as stored after it.
     */
    public Outcome<User> replaceExpired(User user, String newPassword, RequestContext context) {
        Outcome<User> replaced = replace(user, newPassword, null, new Problem.InvalidToken(), context);
        auditor.event(AuditType.PASSWORD_CHANGED, user.ref().tenant(), user.ref().id(), context)
                .with(Map.of("expired", "true")).outcome(replaced);
        return replaced;
    }

    /**
     * Replaces the password {@code user} has (as read: compare-and-set, else {@code onRace}) with
     * {@code newPassword} once the policy and the history accept it, remembers it, ends the
     * user's sessions but {@code keepSession} (null: all) and mails the owner. Answers the user as
     * stored after it.
     */
    private Outcome<User> replace(User user, String newPassword, SessionId keepSession, Problem onRace,
            RequestContext context) {
        return acceptable(user, newPassword)
                .flatMap(checked -> age.refuseReuse(checked, newPassword))
                .flatMap(checked -> gate.hash(newPassword).flatMap(hash -> {
                    Instant now = clock.instant();
                    if (!users.replacePasswordHash(user.ref(), user.record().passwordHash(), hash, now).isApplied()) {
                        return Outcome.refused(onRace);
                    }
                    age.remember(user, hash, now);
                    if (keepSession == null) {
                        sessions.revokeAll(user.ref(), now);
                    } else {
                        sessions.revokeAllExcept(user.ref(), keepSession, now);
                    }
                    codes.deliver(new MailMessage.PasswordChanged(user.ref().tenant(), user.record().email(),
                            user.record().username(), now), user.ref(), context);
                    return User.load(users, user.ref());
                }));
    }

    private Outcome<User> acceptable(User user, String password) {
        if (password == null || password.isEmpty()) {
            return Outcome.refused(Problem.InvalidInput.of("new_password", "is required"));
        }
        Optional<Problem.FieldError> notText = TextRules.checkPassword("new_password", password);
        if (notText.isPresent()) {
            return Outcome.refused(new Problem.InvalidInput(List.of(notText.get())));
        }
        List<PasswordRejected.Rule> broken = policy.violations(password, user.record().username(), user.record().email());
        return broken.isEmpty() ? Outcome.done(user) : Outcome.refused(new Problem.PasswordRejected(broken));
    }
}
