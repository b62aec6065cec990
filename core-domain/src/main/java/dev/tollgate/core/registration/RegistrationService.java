package dev.tollgate.core.registration;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.password.HashingGate;
import dev.tollgate.core.password.PasswordPolicy;
import dev.tollgate.core.profile.ProfileRules;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.Problem.PasswordRejected;
import dev.tollgate.port.api.email.CodeSent;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.registration.RegisterUser;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.registration.RegistrationAccepted;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.mail.MailMessage;
import dev.tollgate.port.spi.user.InsertResult;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.port.spi.user.UserStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates accounts: validates every field (reporting all bad ones at once), applies the
 * password policy, hashes the password, inserts the user (the store decides uniqueness
 * atomically), issues the primary API key and sends the first verification code.
 */
public final class RegistrationService implements RegisterUser {

    private final UserStore users;
    private final PasswordPolicy policy;
    private final HashingGate gate;
    private final OneTimeCodes codes;
    private final ApiKeyService apiKeys;
    private final TimeOrderedIds ids;
    private final Clock clock;
    private final Auditor auditor;
    private final Throttles throttles;

    public RegistrationService(UserStore users, PasswordPolicy policy, HashingGate gate, OneTimeCodes codes,
            ApiKeyService apiKeys, TimeOrderedIds ids, Clock clock, Auditor auditor, Throttles throttles) {
        this.users = Objects.requireNonNull(users, "users");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
    }

    @Override
    public Outcome<Registered> register(Registration registration) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<Username> username = Username.parse(registration.username());
        if (username.isEmpty()) {
            errors.add(new Problem.FieldError("username", "must be 3-32 characters of letters, digits, '_', '-' and '.'"));
        }
        Optional<Email> email = Email.parse(registration.email());
        if (email.isEmpty()) {
            errors.add(new Problem.FieldError("email", "must be a valid email address"));
        }
        if (registration.password() == null || registration.password().isEmpty()) {
            errors.add(new Problem.FieldError("password", "is required"));
        }
        TextRules.checkPassword("password", registration.password()).ifPresent(errors::add);
        ProfileRules.checkName(registration.name()).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            return refuse(registration, new Problem.InvalidInput(errors));
        }
        Optional<Problem> throttled = throttles.admit(Action.REGISTRATION, registration.tenant(),
                registration.context(), email.get().value());
        if (throttled.isPresent()) {
            return refuse(registration, throttled.get());
        }
        List<PasswordRejected.Rule> broken = policy.violations(registration.password(), username.get(), email.get());
        if (!broken.isEmpty()) {
            return refuse(registration, new Problem.PasswordRejected(broken));
        }
        Outcome<String> hash = gate.hash(registration.password());
        if (!hash.isDone()) {
            return refuse(registration, hash.problem());
        }
        Profile profile = new Profile(ProfileRules.blankToNull(registration.name()), null, List.of(),
                registration.accountType());
        User user = User.register(new UserRef(registration.tenant(), new UserId(ids.next())), username.get(),
                email.get(), hash.orElseThrow(), profile, clock.instant());
        InsertResult inserted = users.insert(user.record());
        if (inserted.kind() == InsertResult.Kind.USERNAME_TAKEN) {
            return refuse(registration, new Problem.UsernameTaken());
        }
        if (inserted.kind() == InsertResult.Kind.EMAIL_TAKEN) {
            return refuse(registration, new Problem.EmailTaken());
        }
        auditor.event(AuditType.USER_REGISTERED, user.ref().tenant(), user.ref().id(), registration.context())
                .with(Map.of("username", user.record().username().value())).succeeded();
        IssuedApiKey primaryKey = apiKeys.issuePrimary(user.ref(), registration.context());
        Outcome<CodeSent> sent = codes.permitSend(user.ref().tenant(), user.record().email(),
                CodePurpose.EMAIL_VERIFICATION).map(permit -> codes.issue(permit, user, registration.context()));
        return Outcome.done(new Registered(user.view(), primaryKey, sent.isDone() && sent.orElseThrow().delivered()));
    }

    @Override
    public Outcome<RegistrationAccepted> registerWithoutEnumeration(Registration registration) {
        Outcome<Registered> registered = register(registration);
        if (registered.isDone()) {
            return Outcome.done(new RegistrationAccepted(registered.orElseThrow().user().email()));
        }
        if (!(registered.problem() instanceof Problem.EmailTaken)) {
            return Outcome.refused(registered.problem());
        }
        Email address = Email.parse(registration.email()).orElseThrow();
        // the owner is told as a new user would be sent a code: within the address's send limit
        Optional<UserRecord> owner = users.findByEmail(registration.tenant(), address);
        if (owner.isPresent() && codes.permitSend(registration.tenant(), address, CodePurpose.EMAIL_VERIFICATION)
                .isDone()) {
            codes.deliver(new MailMessage.RegistrationAttempted(registration.tenant(), address,
                    owner.get().username(), clock.instant()), owner.get().ref(), registration.context());
        }
        return Outcome.done(new RegistrationAccepted(address));
    }

    private Outcome<Registered> refuse(Registration registration, Problem problem) {
        auditor.event(AuditType.USER_REGISTERED, registration.tenant(), null, registration.context())
                .failed(problem.code());
        return Outcome.refused(problem);
    }
}
