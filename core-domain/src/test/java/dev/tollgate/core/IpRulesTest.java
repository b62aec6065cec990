package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.cache.InProcessInvalidationBus;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.network.IpRuleView;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.api.network.NewIpRule;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.api.staff.Actor;
import dev.tollgate.port.settings.LockoutSettings;
import dev.tollgate.port.settings.NetworkSettings;
import dev.tollgate.port.settings.StaffSettings;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.spi.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpRulesTest {

    private static final RequestContext STAFF_DESK = RequestContext.of("192.0.2.10", "Console/1");
    private static final TenantId OTHER = TenantId.of("acme");

    private final CoreFixture fixture = new CoreFixture();
    private final AdminActors staff = new AdminActors(fixture);

    private Optional<Problem> judge(TenantId tenant, String ip) {
        return fixture.core.networkAccess().judge(tenant, ip);
    }

    private Outcome<IpRuleView> create(Actor actor, TenantId tenant, String cidr, String action, Instant expiresAt) {
        return fixture.core.ipRules().create(actor, new NewIpRule(tenant, cidr, action, "abuse ticket 7", expiresAt),
                STAFF_DESK);
    }

    @Test
    void aDenyRuleOfATenant_blocksItsRange_thereOnly_untilLifted() {
        Actor admin = staff.actor(StaffSettings.ADMIN);

        IpRuleView rule = create(admin, TenantId.DEFAULT, "203.0.113.0/24", "deny", null).orElseThrow();

        assertThat(rule.cidr()).isEqualTo("203.0.113.0/24");
        assertThat(rule.action()).isEqualTo("deny");
        assertThat(rule.automatic()).isFalse();
        assertThat(rule.createdBy()).isEqualTo(admin.staff().id().toString());
        assertThat(judge(TenantId.DEFAULT, "203.0.113.200")).containsInstanceOf(Problem.IpBlocked.class);
        assertThat(judge(TenantId.DEFAULT, "203.0.114.1")).isEmpty();
        assertThat(judge(OTHER, "203.0.113.200")).as("another tenant").isEmpty();

        fixture.core.ipRules().lift(admin, rule.id(), "resolved", STAFF_DESK).orElseThrow();

        assertThat(judge(TenantId.DEFAULT, "203.0.113.200")).isEmpty();
        List<AuditType> types = fixture.auditEvents.stream().map(AuditEvent::type).toList();
        assertThat(types).contains(AuditType.IP_RULE_CREATED, AuditType.IP_RULE_LIFTED);
    }

    @Test
    void aGlobalRule_blocksEveryTenant_andOnlyAnActorOfEveryTenantMakesOne() {
        Actor admin = staff.actor(StaffSettings.ADMIN);
        Actor superAdmin = staff.actor(StaffSettings.SUPER_ADMIN);

        assertThat(create(admin, null, "2001:db8::/32", "deny", null).problem()).isInstanceOf(Problem.PermissionDenied.class);
        create(superAdmin, null, "2001:db8::/32", "deny", null).orElseThrow();

        assertThat(judge(TenantId.DEFAULT, "2001:db8:1::5")).containsInstanceOf(Problem.IpBlocked.class);
        assertThat(judge(OTHER, "2001:db8:1::5")).containsInstanceOf(Problem.IpBlocked.class);
        assertThat(judge(OTHER, "2001:db9::5")).isEmpty();
    }

    @Test
    void thePermissionMatrix() {
        for (String role : List.of(StaffSettings.SUPPORT_NEW, StaffSettings.SUPPORT, StaffSettings.SUPPORT_ADVANCED,
                AdminActors.SERVICE)) {
            Actor actor = staff.actor(role);
            assertThat(create(actor, TenantId.DEFAULT, "198.51.100.0/24", "deny", null).problem()).as(role)
                    .isInstanceOf(Problem.PermissionDenied.class);
            assertThat(fixture.core.ipRules().list(actor, TenantId.DEFAULT).problem()).as(role)
                    .isInstanceOf(Problem.PermissionDenied.class);
        }
        Actor admin = staff.actor(StaffSettings.ADMIN);
        assertThat(create(admin, OTHER, "198.51.100.0/24", "deny", null).problem()).as("an admin of another tenant")
                .isInstanceOf(Problem.PermissionDenied.class);
        IpRuleView own = create(admin, TenantId.DEFAULT, "198.51.100.0/24", "deny", null).orElseThrow();
        assertThat(fixture.core.ipRules().list(admin, TenantId.DEFAULT).orElseThrow()).contains(own);
        IpRuleView foreign = create(staff.actor(StaffSettings.SUPER_ADMIN), OTHER, "198.51.100.0/24", "deny", null)
                .orElseThrow();
        assertThat(fixture.core.ipRules().lift(admin, foreign.id(), "not mine", STAFF_DESK).problem())
                .isInstanceOf(Problem.IpRuleNotFound.class);
        assertThat(fixture.core.ipRules().list(admin, null).orElseThrow()).doesNotContain(foreign);
    }

    @Test
    void aRuleMadeInOneProcess_appliesInTheOthers_asSoonAsTheBusTellsThem() {
        InProcessInvalidationBus bus = new InProcessInvalidationBus();
        CoreServices first = fixture.anotherProcess(bus);
        CoreServices second = fixture.anotherProcess(bus);
        assertThat(second.networkAccess().judge(TenantId.DEFAULT, "203.0.113.9")).isEmpty();

        IpRuleView rule = first.ipRules().create(staff.actor(StaffSettings.ADMIN),
                new NewIpRule(TenantId.DEFAULT, "203.0.113.0/24", "deny", "abuse", null), STAFF_DESK).orElseThrow();

        assertThat(second.networkAccess().judge(TenantId.DEFAULT, "203.0.113.9")).as("no time passed").isPresent();
        first.ipRules().lift(staff.actor(StaffSettings.ADMIN), rule.id(), "done", STAFF_DESK).orElseThrow();
        assertThat(second.networkAccess().judge(TenantId.DEFAULT, "203.0.113.9")).isEmpty();
    }

    @Test
    void withoutABus_aProcessReadsTheRulesAgainWithinASecond() {
        CoreServices first = fixture.anotherProcess(null);
        CoreServices second = fixture.anotherProcess(null);
        assertThat(second.networkAccess().judge(TenantId.DEFAULT, "203.0.113.9")).isEmpty();

        first.ipRules().create(staff.actor(StaffSettings.ADMIN),
                new NewIpRule(TenantId.DEFAULT, "203.0.113.0/24", "deny", "abuse", null), STAFF_DESK).orElseThrow();

        assertThat(first.networkAccess().judge(TenantId.DEFAULT, "203.0.113.9")).as("the process that made it").isPresent();
        fixture.clock.advance(Duration.ofMillis(999));
        assertThat(second.networkAccess().judge(TenantId.DEFAULT, "203.0.113.9")).as("not read again yet").isEmpty();
        fixture.clock.advance(Duration.ofMillis(1));
        assertThat(second.networkAccess().judge(TenantId.DEFAULT, "203.0.113.9")).isPresent();
    }

    @Test
    void aBadRule_isRefusedNamingTheField() {
        Actor admin = staff.actor(StaffSettings.ADMIN);

        Problem problem = fixture.core.ipRules().create(admin,
                new NewIpRule(TenantId.DEFAULT, "203.0.113.7/24", "block", "", fixture.clock.instant()), STAFF_DESK)
                .problem();

        assertThat(problem).isInstanceOf(Problem.InvalidInput.class);
        assertThat(((Problem.InvalidInput) problem).errors()).extracting(Problem.FieldError::field)
                .containsExactly("cidr", "action", "reason", "expires_at");
        assertThat(((Problem.InvalidInput) problem).errors().get(0).message()).contains("203.0.113.0/24");
    }

    @Test
    void aRuleExpiresOnItsOwn() {
        Actor admin = staff.actor(StaffSettings.ADMIN);
        create(admin, TenantId.DEFAULT, "198.51.100.7", "deny", fixture.clock.instant().plus(Duration.ofHours(1)))
                .orElseThrow();

        assertThat(judge(TenantId.DEFAULT, "198.51.100.7")).isPresent();
        fixture.clock.advance(Duration.ofHours(1));
        assertThat(judge(TenantId.DEFAULT, "198.51.100.7")).isEmpty();
        assertThat(fixture.core.ipRules().list(admin, TenantId.DEFAULT).orElseThrow()).isEmpty();
    }

    @Test
    void inAllowListMode_onlyAllowedRangesPass_andADenyInsideAnAllowStillDenies() {
        CoreFixture strict = new CoreFixture(settings -> settings.withSecurity(settings.security()
                .withNetwork(NetworkSettings.DEFAULTS.withAllowList(true))));
        Actor admin = new AdminActors(strict).actor(StaffSettings.ADMIN);
        strict.core.ipRules().create(admin, new NewIpRule(TenantId.DEFAULT, "10.0.0.0/8", "allow", "office", null),
                STAFF_DESK).orElseThrow();
        strict.core.ipRules().create(admin, new NewIpRule(TenantId.DEFAULT, "10.6.6.0/24", "deny", "lab", null),
                STAFF_DESK).orElseThrow();

        assertThat(strict.core.networkAccess().judge(TenantId.DEFAULT, "10.1.2.3")).isEmpty();
        assertThat(strict.core.networkAccess().judge(TenantId.DEFAULT, "10.6.6.6")).isPresent();
        assertThat(strict.core.networkAccess().judge(TenantId.DEFAULT, "192.0.2.1")).isPresent();
        assertThat(strict.core.networkAccess().judge(TenantId.DEFAULT, "not-an-address")).isPresent();
        assertThat(strict.core.networkAccess().judge(TenantId.DEFAULT, null)).as("no network origin").isEmpty();
    }

    @Test
    void verification_judgesTheClientAddressTheServicePasses() {
        IssuedApiKey key = verified("alice").apiKey();
        create(staff.actor(StaffSettings.ADMIN), TenantId.DEFAULT, "203.0.113.0/24", "deny", null).orElseThrow();

        Outcome<?> blocked = fixture.core.verification().verify(new KeyCheck(TenantId.DEFAULT, key.secret(), null, 1,
                null, RequestContext.of("203.0.113.9", "svc")));
        Outcome<?> elsewhere = fixture.core.verification().verify(new KeyCheck(TenantId.DEFAULT, key.secret(), null, 1,
                null, RequestContext.of("198.51.100.9", "svc")));

        assertThat(blocked.problem()).isInstanceOf(Problem.IpBlocked.class);
        assertThat(elsewhere.isDone()).isTrue();
    }

    @Test
    void aKeyWithAllowedRanges_verifiesOnlyFromThem_andTheRangesCanBeChanged() {
        UserRef user = verified("bob").user().ref();
        IssuedApiKey key = fixture.core.apiKeys().create(user, "ci", null, List.of("203.0.113.0/24", "2001:DB8::/32"),
                CoreFixture.ORIGIN).orElseThrow();

        assertThat(key.key().allowedIps()).containsExactly("203.0.113.0/24", "2001:db8::/32");
        assertThat(verifyFrom(key, "203.0.113.250").isDone()).isTrue();
        assertThat(verifyFrom(key, "2001:db8::1").isDone()).isTrue();
        assertThat(verifyFrom(key, "198.51.100.1").problem()).isInstanceOf(Problem.KeyIpNotAllowed.class);
        assertThat(verifyFrom(key, null).problem()).as("no address to judge").isInstanceOf(Problem.KeyIpNotAllowed.class);

        assertThat(fixture.core.apiKeys().restrict(user, key.key().id(), List.of("198.51.100.0/24"), CoreFixture.ORIGIN)
                .orElseThrow().allowedIps()).containsExactly("198.51.100.0/24");
        assertThat(verifyFrom(key, "198.51.100.1").isDone()).isTrue();
        assertThat(verifyFrom(key, "203.0.113.250").problem()).isInstanceOf(Problem.KeyIpNotAllowed.class);
        fixture.core.apiKeys().restrict(user, key.key().id(), List.of(), CoreFixture.ORIGIN).orElseThrow();
        assertThat(verifyFrom(key, "192.0.2.1").isDone()).as("anywhere again").isTrue();
    }

    @Test
    void badKeyRanges_areRefusedNamingTheOne() {
        UserRef user = fixture.register("carol").user().ref();

        Problem problem = fixture.core.apiKeys().create(user, null, null, List.of("203.0.113.0/24", "nope"),
                CoreFixture.ORIGIN).problem();

        assertThat(problem).isInstanceOf(Problem.InvalidInput.class);
        assertThat(((Problem.InvalidInput) problem).errors().get(0).field()).isEqualTo("allowed_ips[1]");
        assertThat(fixture.core.apiKeys().create(user, null, null,
                java.util.Collections.nCopies(33, "203.0.113.0/24"), CoreFixture.ORIGIN).problem())
                .isInstanceOf(Problem.InvalidInput.class);
    }

    private Registered verified(String name) {
        Registered registered = fixture.register(name);
        fixture.core.emailAddresses().verify(registered.user().ref(), fixture.lastCode(name + "@example.com"),
                CoreFixture.ORIGIN).orElseThrow();
        return registered;
    }

    private Outcome<?> verifyFrom(IssuedApiKey key, String ip) {
        return fixture.core.verification().verify(new KeyCheck(TenantId.DEFAULT, key.secret(), null, 1, null,
                RequestContext.of(ip, "svc")));
    }

    @Test
    void lockoutsFromOneAddress_blockIt_forTheConfiguredTime_andStaffCanLiftIt() {
        CoreFixture guarded = new CoreFixture(settings -> settings
                .withLockout(LockoutSettings.DEFAULTS.withMaxFailures(1))
                .withSecurity(settings.security().withNetwork(NetworkSettings.DEFAULTS
                        .withAutoBlock(2, Duration.ofMinutes(10), Duration.ofHours(1)))));
        RequestContext attacker = RequestContext.of("198.51.100.66", "curl/8");
        guarded.register("victim1");
        guarded.register("victim2");

        guarded.core.sessions().login(new Login(TenantId.DEFAULT, "victim1", "wrong-password-1", attacker));
        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "198.51.100.66")).as("one strike").isEmpty();
        guarded.core.sessions().login(new Login(TenantId.DEFAULT, "victim2", "wrong-password-1", attacker));

        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "198.51.100.66"))
                .containsInstanceOf(Problem.IpBlocked.class);
        assertThat(guarded.core.networkAccess().judge(OTHER, "198.51.100.66")).as("global").isPresent();
        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "198.51.100.67")).isEmpty();
        Actor superAdmin = new AdminActors(guarded).actor(StaffSettings.SUPER_ADMIN);
        List<IpRuleView> rules = guarded.core.ipRules().list(superAdmin, null).orElseThrow();
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.cidr()).isEqualTo("198.51.100.66/32");
            assertThat(rule.reason()).isEqualTo("automatic");
            assertThat(rule.automatic()).isTrue();
            assertThat(rule.tenant()).isNull();
            assertThat(rule.expiresAt()).isEqualTo(guarded.clock.instant().plus(Duration.ofHours(1)));
        });
        assertThat(guarded.auditEvents).extracting(AuditEvent::type).contains(AuditType.IP_AUTO_BLOCKED);

        guarded.core.ipRules().lift(superAdmin, rules.get(0).id(), "a customer behind a shared NAT", STAFF_DESK)
                .orElseThrow();
        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "198.51.100.66")).isEmpty();
    }

    @Test
    void aServiceNamingAddresses_inItsFailedVerifications_getsNoAddressBlocked() {
        CoreFixture guarded = new CoreFixture(settings -> settings
                .withThrottles(ThrottleSettings.DEFAULTS.with(ThrottleSettings.Action.KEY_VERIFICATION,
                        new ThrottleSettings.Rule(ThrottleSettings.Limit.of(1, Duration.ofMinutes(1)), null)))
                .withSecurity(settings.security().withNetwork(NetworkSettings.DEFAULTS
                        .withAutoBlock(1, Duration.ofMinutes(10), Duration.ofHours(1)))));
        for (int i = 0; i < 5; i++) {
            guarded.core.verification().verify(new KeyCheck(TenantId.DEFAULT, "tg_not-a-key-" + i, null, 1, null,
                    RequestContext.of("198.51.100.88", "svc")));
        }

        assertThat(guarded.auditEvents).extracting(AuditEvent::type).contains(AuditType.THROTTLED);
        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "198.51.100.88")).isEmpty();
    }

    @Test
    void anAddressAnAllowRuleCovers_isNeverBlockedAutomatically() {
        CoreFixture guarded = new CoreFixture(settings -> settings
                .withLockout(LockoutSettings.DEFAULTS.withMaxFailures(1))
                .withSecurity(settings.security().withNetwork(NetworkSettings.DEFAULTS
                        .withAutoBlock(1, Duration.ofMinutes(10), Duration.ofHours(1)))));
        guarded.core.ipRules().create(new AdminActors(guarded).actor(StaffSettings.SUPER_ADMIN),
                new NewIpRule(null, "192.0.2.0/24", "allow", "the office", null), STAFF_DESK).orElseThrow();
        guarded.register("colleague");

        guarded.core.sessions().login(new Login(TenantId.DEFAULT, "colleague", "wrong-password-1",
                RequestContext.of("192.0.2.50", "office")));

        assertThat(guarded.login("colleague", PASSWORD).problem()).as("the account is locked")
                .isInstanceOf(Problem.AccountLocked.class);
        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "192.0.2.50")).as("the office is not").isEmpty();
    }

    @Test
    void aGlobalDeny_standsAgainstATenantsAllow_evenAMoreSpecificOne() {
        create(staff.actor(StaffSettings.SUPER_ADMIN), null, "203.0.113.0/24", "deny", null).orElseThrow();
        create(staff.actor(StaffSettings.ADMIN), TenantId.DEFAULT, "203.0.113.7", "allow", null).orElseThrow();
        create(staff.actor(StaffSettings.ADMIN), TenantId.DEFAULT, "198.51.100.0/24", "deny", null).orElseThrow();
        create(staff.actor(StaffSettings.ADMIN), TenantId.DEFAULT, "198.51.100.7", "allow", null).orElseThrow();

        assertThat(judge(TenantId.DEFAULT, "203.0.113.7")).isPresent();
        assertThat(judge(TenantId.DEFAULT, "198.51.100.7")).as("within one tenant the specific rule decides").isEmpty();
    }

    @Test
    void automaticBlocks_areShownOnlyToActorsOfEveryTenant() {
        CoreFixture guarded = new CoreFixture(settings -> settings
                .withLockout(LockoutSettings.DEFAULTS.withMaxFailures(1))
                .withSecurity(settings.security().withNetwork(NetworkSettings.DEFAULTS
                        .withAutoBlock(1, Duration.ofMinutes(10), Duration.ofHours(1)))));
        guarded.register("someone");
        guarded.core.sessions().login(new Login(TenantId.DEFAULT, "someone", "wrong-password-1",
                RequestContext.of("198.51.100.70", "bot")));
        AdminActors actors = new AdminActors(guarded);

        assertThat(guarded.core.ipRules().list(actors.actor(StaffSettings.SUPER_ADMIN), null).orElseThrow()).hasSize(1);
        assertThat(guarded.core.ipRules().list(actors.actor(StaffSettings.ADMIN), TenantId.DEFAULT).orElseThrow())
                .isEmpty();
    }

    @Test
    void anAutomaticBlock_endsOnItsOwn() {
        CoreFixture guarded = new CoreFixture(settings -> settings
                .withLockout(LockoutSettings.DEFAULTS.withMaxFailures(1))
                .withSecurity(settings.security().withNetwork(NetworkSettings.DEFAULTS
                        .withAutoBlock(1, Duration.ofMinutes(10), Duration.ofMinutes(30)))));
        guarded.register("target");

        guarded.core.sessions().login(new Login(TenantId.DEFAULT, "target", "wrong-password-1",
                RequestContext.of("2001:db8::66", "bot")));

        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "2001:db8::66")).isPresent();
        guarded.clock.advance(Duration.ofMinutes(30));
        assertThat(guarded.core.networkAccess().judge(TenantId.DEFAULT, "2001:db8::66")).isEmpty();
    }

    @Test
    void automaticBlockingIsOffByDefault() {
        CoreFixture plain = new CoreFixture(settings -> settings.withLockout(LockoutSettings.DEFAULTS.withMaxFailures(1)));
        for (int i = 0; i < 5; i++) {
            plain.register("user" + i);
            plain.core.sessions().login(new Login(TenantId.DEFAULT, "user" + i, "wrong-password-1",
                    RequestContext.of("198.51.100.99", "bot")));
        }

        assertThat(plain.core.networkAccess().judge(TenantId.DEFAULT, "198.51.100.99")).isEmpty();
        assertThat(plain.login("user0", PASSWORD).problem()).isInstanceOf(Problem.AccountLocked.class);
    }
}
