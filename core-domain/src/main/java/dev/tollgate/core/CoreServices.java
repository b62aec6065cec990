package dev.tollgate.core;

import dev.tollgate.core.account.AccountService;
import dev.tollgate.core.admin.AuditSearchService;
import dev.tollgate.core.admin.StatisticsService;
import dev.tollgate.core.admin.UserAdministrationService;
import dev.tollgate.core.audit.AuditTrailService;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.code.OneTimeCodes;
import dev.tollgate.core.email.EmailAddressService;
import dev.tollgate.core.key.ApiKeyFormat;
import dev.tollgate.core.key.ApiKeyService;
import dev.tollgate.core.key.SecretSeal;
import dev.tollgate.core.limit.Throttles;
import dev.tollgate.core.metering.PlanBook;
import dev.tollgate.core.metering.SubscriptionService;
import dev.tollgate.core.metering.UsageService;
import dev.tollgate.core.metering.VerificationService;
import dev.tollgate.core.mfa.SecondFactorService;
import dev.tollgate.core.network.AutoBlocking;
import dev.tollgate.core.network.IpRuleService;
import dev.tollgate.core.network.NetworkAccessService;
import dev.tollgate.core.password.Credentials;
import dev.tollgate.core.password.HashingGate;
import dev.tollgate.core.password.LockoutPolicy;
import dev.tollgate.core.password.PasswordAge;
import dev.tollgate.core.password.PasswordPolicy;
import dev.tollgate.core.password.PasswordService;
import dev.tollgate.core.profile.ProfileService;
import dev.tollgate.core.registration.RegistrationService;
import dev.tollgate.core.secret.Secrets;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.core.session.LoginTokens;
import dev.tollgate.core.session.SessionService;
import dev.tollgate.core.session.SignInSteps;
import dev.tollgate.core.staff.AccessRules;
import dev.tollgate.core.staff.FirstRunService;
import dev.tollgate.core.staff.ServiceAccountService;
import dev.tollgate.core.staff.StaffService;
import dev.tollgate.core.tenant.TenantService;
import dev.tollgate.core.user.TenantGate;
import dev.tollgate.port.api.account.Accounts;
import dev.tollgate.port.api.admin.AuditSearch;
import dev.tollgate.port.api.admin.Statistics;
import dev.tollgate.port.api.admin.UserAdministration;
import dev.tollgate.port.api.audit.AuditTrail;
import dev.tollgate.port.api.email.EmailAddresses;
import dev.tollgate.port.api.key.ApiKeys;
import dev.tollgate.port.api.metering.Subscriptions;
import dev.tollgate.port.api.metering.UsageReports;
import dev.tollgate.port.api.metering.VerifyApiKey;
import dev.tollgate.port.api.mfa.SecondFactors;
import dev.tollgate.port.api.network.IpRules;
import dev.tollgate.port.api.network.NetworkAccess;
import dev.tollgate.port.api.password.Passwords;
import dev.tollgate.port.api.profile.Profiles;
import dev.tollgate.port.api.registration.RegisterUser;
import dev.tollgate.port.api.session.Sessions;
import dev.tollgate.port.api.staff.FirstRun;
import dev.tollgate.port.api.staff.ServiceAccounts;
import dev.tollgate.port.api.staff.Staff;
import dev.tollgate.port.api.tenant.Tenants;
import dev.tollgate.port.settings.TollgateSettings;
import dev.tollgate.port.spi.Stores;
import java.util.Objects;
import java.util.Optional;

/**
 * Every API service, built once from the core's dependencies. The core holds no thread: usage
 * events go to the dependencies' usage sink, whose owner starts and stops it.
 */
public final class CoreServices {

    private final RegisterUser registration;
    private final Sessions sessions;
    private final EmailAddresses emailAddresses;
    private final Profiles profiles;
    private final Passwords passwords;
    private final Accounts accounts;
    private final AuditTrail auditTrail;
    private final ApiKeyService apiKeys;
    private final VerificationService verification;
    private final UsageService usageReports;
    private final SubscriptionService subscriptions;
    private final Staff staff;
    private final FirstRun firstRun;
    private final ServiceAccounts serviceAccounts;
    private final Tenants tenants;
    private final UserAdministration administration;
    private final Statistics statistics;
    private final AuditSearch auditSearch;
    private final SecondFactorService secondFactors;
    private final IpRuleService ipRules;
    private final NetworkAccessService networkAccess;

    public CoreServices(CoreDependencies deps) {
        Objects.requireNonNull(deps, "deps");
        TollgateSettings settings = deps.settings();
        Stores stores = deps.stores();
        TimeOrderedIds ids = new TimeOrderedIds(deps.clock(), deps.random());
        Secrets secrets = new Secrets(deps.random(), deps.digestKey());
        // the IP rules first: the automatic blocking watches every audit event for lockouts and throttle refusals
        this.networkAccess = new NetworkAccessService(stores.ipRules(), settings.security().network(), deps.clock(),
                deps.notices());
        AutoBlocking autoBlocking = new AutoBlocking(settings.security().network(), stores.counters(),
                stores.ipRules(), networkAccess, ids, deps.clock(), new Auditor(stores.auditLog(), deps.clock(), ids));
        Auditor auditor = new Auditor(stores.auditLog(), deps.clock(), ids, autoBlocking);
        HashingGate gate = new HashingGate(deps.hasher(), settings.hashing());
        PasswordPolicy policy = new PasswordPolicy(settings.passwordPolicy(), deps.strengthEstimator());
        // checking this hash of a random password costs what checking a real user's costs, so a
        // login naming nobody takes as long as one with a wrong password
        String dummyHash = deps.hasher().hash(secrets.newToken());
        Credentials credentials = new Credentials(stores.users(), stores.counters(), gate,
                new LockoutPolicy(settings.lockout()), deps.clock(), auditor, dummyHash);
        Throttles throttles = new Throttles(stores.counters(), settings.throttles(), deps.clock(), auditor);
        TenantGate tenantGate = new TenantGate(stores.tenants(), deps.clock());
        OneTimeCodes codes = new OneTimeCodes(stores.codes(), stores.counters(), deps.mailer(), secrets, settings.codes(),
                deps.clock(), auditor);

        ApiKeyFormat keyFormat = new ApiKeyFormat(settings.apiKeys().prefix(), deps.random());
        Optional<SecretSeal> seal = Optional.ofNullable(deps.sealingKey()).map(key -> new SecretSeal(key, deps.random()));
        this.apiKeys = new ApiKeyService(stores.users(), stores.apiKeys(), credentials, keyFormat, secrets, seal, ids,
                deps.clock(), auditor, settings.apiKeys().requireVerifiedEmail(), tenantGate);
        RegistrationService registrationService = new RegistrationService(stores.users(), policy, gate, codes, apiKeys,
                ids, deps.clock(), auditor, throttles, tenantGate, secrets);
        this.registration = registrationService;
        this.secondFactors = new SecondFactorService(stores.users(), stores.secondFactors(), stores.staff(), credentials,
                seal.orElse(null), deps.totp(), deps.qrCodes(), secrets, deps.random(), settings.security().mfa(),
                throttles, deps.clock(), auditor);
        PasswordAge age = new PasswordAge(stores.passwordHistory(), gate, settings.security().passwords(), deps.clock());
        PasswordService passwordService = new PasswordService(stores.users(), stores.sessions(), credentials, policy, gate,
                codes, deps.background(), deps.clock(), auditor, throttles, tenantGate, age);
        this.passwords = passwordService;
        SignInSteps steps = new SignInSteps(secondFactors,
                new LoginTokens(stores.users(), stores.codes(), secrets, settings.security().mfa().challengeLifetime(),
                        deps.clock()),
                age, passwordService, stores.devices(), codes, deps.background(), settings.security().newDeviceMail());
        this.sessions = new SessionService(stores.users(), stores.sessions(), credentials, secrets, ids, settings.sessions(),
                settings.allowUnverifiedLogin(), deps.clock(), auditor, throttles, stores.staff(),
                settings.staff().sessions(), tenantGate, steps);
        AccessRules access = new AccessRules(settings.staff(), stores.staff(), auditor);
        StaffService staffService = new StaffService(stores, access, registrationService, codes, tenantGate,
                deps.clock(), auditor);
        this.staff = staffService;
        this.emailAddresses = new EmailAddressService(stores.users(), codes, credentials, deps.background(), deps.clock(),
                auditor, throttles, tenantGate);
        ProfileService profileService = new ProfileService(stores.users(), deps.clock(), auditor);
        this.profiles = profileService;
        AccountService accountService = new AccountService(stores.users(), stores, credentials, deps.clock(), auditor,
                deps.usageSink(), staffService);
        this.accounts = accountService;
        this.auditTrail = new AuditTrailService(stores.auditLog());
        PlanBook planBook = new PlanBook(stores.subscriptions(), stores.meters(), settings.plans());
        this.verification = new VerificationService(stores.apiKeys(), apiKeys, keyFormat, stores.users(), planBook,
                stores.meters(), stores.counters(), settings.apiKeys(), deps.clock(), throttles, deps.usageSink(),
                tenantGate, networkAccess);
        this.subscriptions = new SubscriptionService(stores.users(), stores.subscriptions(), stores.meters(), planBook,
                settings.plans(), deps.clock(), auditor);
        this.usageReports = new UsageService(stores.users(), planBook, stores.usage(), settings.plans().zone(), deps.clock());

        this.firstRun = new FirstRunService(stores, settings.staff(), registrationService, secrets, deps.clock(), auditor);
        this.serviceAccounts = new ServiceAccountService(stores.serviceAccounts(), access, tenantGate, secrets, ids,
                deps.clock(), auditor);
        this.tenants = new TenantService(stores.tenants(), access, tenantGate, deps.clock(), auditor);
        this.administration = new UserAdministrationService(access, stores.users(), stores.directory(), stores.notes(),
                stores.staff(), settings.plans(), accountService, profileService, subscriptions, apiKeys, sessions,
                stores.sessions(), codes, deps.clock(), auditor, usageReports, secondFactors);
        this.statistics = new StatisticsService(access, stores.statistics(), stores.users(), settings.plans(),
                deps.clock());
        this.auditSearch = new AuditSearchService(access, stores.auditLog());
        this.ipRules = new IpRuleService(stores.ipRules(), networkAccess, access, ids, deps.clock(), auditor);
    }

    public RegisterUser registration() {
        return registration;
    }

    public Sessions sessions() {
        return sessions;
    }

    public EmailAddresses emailAddresses() {
        return emailAddresses;
    }

    public Profiles profiles() {
        return profiles;
    }

    public Passwords passwords() {
        return passwords;
    }

    public Accounts accounts() {
        return accounts;
    }

    public AuditTrail auditTrail() {
        return auditTrail;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public VerifyApiKey verification() {
        return verification;
    }

    public Subscriptions subscriptions() {
        return subscriptions;
    }

    public UsageReports usageReports() {
        return usageReports;
    }

    public Staff staff() {
        return staff;
    }

    public FirstRun firstRun() {
        return firstRun;
    }

    public ServiceAccounts serviceAccounts() {
        return serviceAccounts;
    }

    public Tenants tenants() {
        return tenants;
    }

    public UserAdministration administration() {
        return administration;
    }

    public Statistics statistics() {
        return statistics;
    }

    public AuditSearch auditSearch() {
        return auditSearch;
    }

    public SecondFactors secondFactors() {
        return secondFactors;
    }

    public IpRules ipRules() {
        return ipRules;
    }

    public NetworkAccess networkAccess() {
        return networkAccess;
    }
}
