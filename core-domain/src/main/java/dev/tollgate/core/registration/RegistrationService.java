package dev.tollgate.core.registration;

import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.password.HashingGate;
import dev.tollgate.core.password.PasswordPolicy;
import dev.tollgate.core.profile.ProfileRules;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.core.text.TextRules;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.core.user.User;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
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

    private static final int INVITED_USERNAME_TRIES = 5;

    private final UserStore users;
    private final PasswordPolicy policy;
    private final HashingGate gate;
    private final OneTimeCodes codes;
    private final ApiKeyService apiKeys;
    private final TimeOrderedIds ids;
    private final Clock clock;
    private final Auditor auditor;
    private final Throttles throttles;
    private final TenantGate tenants;
    private final Secrets secrets;

    /** @param tenants accounts are made only in a tenant that exists and is active */
    public RegistrationService(UserStore users, PasswordPolicy policy, HashingGate gate, OneTimeCodes codes,
            ApiKeyService apiKeys, TimeOrderedIds ids, Clock clock, Auditor auditor, Throttles throttles,
            TenantGate tenants, Secrets secrets) {
        this.users = Objects.requireNonNull(users, "users");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttles = Objects.requireNonNull(throttles, "throttles");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
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
        Optional<Problem> closed = tenants.refusalToJoin(registration.tenant());
        if (closed.isPresent()) {
            return refuse(registration, closed.get());
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
        Outcome<Created> created = insert(registration.tenant(), username.get(), email.get(), hash.orElseThrow(),
                profile, registration.context());
        if (!created.isDone()) {
            return refuse(registration, created.problem());
        }
        User user = created.orElseThrow().user();
        IssuedApiKey primaryKey = created.orElseThrow().primaryKey();
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

    /**
     * Creates an account nobody can log in to yet, for an invitation: its password is random and
     * never shown, so its owner chooses one with a password-reset code. The username is made from
     * the address (its local part, with a number added when taken). No code is mailed here.
     * Refusals: {@code TENANT_NOT_FOUND}, {@code TENANT_DISABLED}, {@code EMAIL_TAKEN}, a busy hasher.
     */
    public Outcome<User> registerInvited(TenantId tenant, Email email, RequestContext context) {
        Optional<Problem> closed = tenants.refusalToJoin(tenant);
        if (closed.isPresent()) {
            return Outcome.refused(closed.get());
        }
        Outcome<String> hash = gate.hash(secrets.newToken());
        if (!hash.isDone()) {
            return Outcome.refused(hash.problem());
        }
        String base = usernameFrom(email);
        for (int attempt = 0; attempt < INVITED_USERNAME_TRIES; attempt++) {
            Username username = Username.of(attempt == 0 ? base : base + "-" + secrets.newCode(4));
            Outcome<Created> created = insert(tenant, username, email, hash.orElseThrow(),
                    Profile.empty(AccountType.PERSONAL), context);
            if (created.isDone() || !(created.problem() instanceof Problem.UsernameTaken)) {
                return created.map(Created::user);
            }
        }
        return Outcome.refused(new Problem.UsernameTaken());
    }

    /** A username from the address's local part: its allowed characters, at most 27 of them, at least 3. */
    private static String usernameFrom(Email email) {
        String local = email.value().substring(0, email.value().indexOf('@'));
        StringBuilder name = new StringBuilder();
        local.codePoints().filter(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-'))
                .limit(Username.MAX_LENGTH - 5)
                .forEach(name::appendCodePoint);
        while (name.length() < Username.MIN_LENGTH) {
            name.append('_');
        }
        return name.toString();
    }

    /** Inserts the account (the store decides uniqueness), audits it and issues its primary key. */
    private Outcome<Created> insert(TenantId tenant, Username username, Email email, String hash, Profile profile,
            RequestContext context) {
        User user = User.register(new UserRef(tenant, new UserId(ids.next())), username, email, hash, profile,
                clock.instant());
        InsertResult inserted = users.insert(user.record());
        if (inserted.kind() == InsertResult.Kind.USERNAME_TAKEN) {
            return Outcome.refused(new Problem.UsernameTaken());
        }
        if (inserted.kind() == InsertResult.Kind.EMAIL_TAKEN) {
            return Outcome.refused(new Problem.EmailTaken());
        }
        auditor.event(AuditType.USER_REGISTERED, user.ref().tenant(), user.ref().id(), context)
                .with(Map.of("username", user.record().username().value())).succeeded();
        return Outcome.done(new Created(user, apiKeys.issuePrimary(user.ref(), context)));
    }

    private record Created(User user, IssuedApiKey primaryKey) {
    }

    private Outcome<Registered> refuse(Registration registration, Problem problem) {
        auditor.event(AuditType.USER_REGISTERED, registration.tenant(), null, registration.context())
                .failed(problem.code());
        return Outcome.refused(problem);
    }
}
