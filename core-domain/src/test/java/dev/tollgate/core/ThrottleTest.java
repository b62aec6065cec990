package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.Email;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification;
import dev.tollgate.port.api.metering.KeyVerification.Denied;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.registration.Registration;
import dev.tollgate.port.api.session.Login;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings.Limit;
import dev.tollgate.port.settings.ThrottleSettings.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Per-address and per-account throttles on login, registration, code entry, password reset and
 * failed key verifications, with small limits so each test reaches them in a few calls.
 */
class ThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Rule RULE = new Rule(Limit.of(4, WINDOW), Limit.of(2, WINDOW));
    private static final ThrottleSettings SMALL = new ThrottleSettings(Map.of(
            Action.LOGIN, RULE, Action.REGISTRATION, RULE, Action.CODE_ENTRY, RULE, Action.PASSWORD_RESET, RULE,
            Action.KEY_VERIFICATION, new Rule(Limit.of(3, WINDOW), null)));
    private static final RequestContext FIRST = RequestContext.of("198.51.100.1", "test");
    private static final RequestContext SECOND = RequestContext.of("198.51.100.2", "test");

    private final CoreFixture fixture = new CoreFixture(s -> s.withThrottles(SMALL));

    @Test
    void login_beyondTheAccountLimit_isRateLimited_fromAnyAddress_andCountsNothingTowardTheLockout() {
        UserRef user = fixture.register("alice").user().ref();
        Instant windowEnd = fixture.clock.instant().plus(WINDOW);
        assertThat(login("alice", "wrong", FIRST).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(login("alice", "wrong", SECOND).problem()).isInstanceOf(Problem.InvalidCredentials.class);

        Problem third = login("alice", PASSWORD, SECOND).problem();

        assertThat(third).isEqualTo(new Problem.RateLimited(windowEnd, 2));
        assertThat(fixture.audit(user)).filteredOn(e -> e.type() == AuditType.ACCOUNT_LOCKED).isEmpty();
        fixture.clock.set(windowEnd);
        assertThat(login("alice", PASSWORD, SECOND).isDone()).isTrue();
    }

    @Test
    void aThrottleHit_isOneThrottledAuditEventPerWindow_namingTheActionAndLimit_butNeitherAddressNorAccount() {
        fixture.register("alice");
        login("alice", "wrong", FIRST);
        login("alice", "wrong", SECOND);
        assertThat(fixture.auditEvents).noneMatch(event -> event.type() == AuditType.THROTTLED);

        login("alice", PASSWORD, SECOND);
        login("alice", PASSWORD, FIRST);
        for (int i = 0; i < 6; i++) {
            fixture.core.verification().verify(new KeyCheck(TenantId.DEFAULT, "not a key", null, 1, null, FIRST));
        }

        assertThat(fixture.auditEvents).filteredOn(event -> event.type() == AuditType.THROTTLED)
                .extracting(event -> event.details().get("action") + "/" + event.details().get("limit"))
                .containsExactly("login/account", "key_verification/address");
        assertThat(fixture.auditEvents).filteredOn(event -> event.type() == AuditType.THROTTLED).allSatisfy(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILURE);
            assertThat(event.reason()).isEqualTo(ErrorCode.RATE_LIMITED.name());
            assertThat(event.details().values()).noneMatch(value -> value.contains("alice") || value.contains("198.51"));
        });
    }

    @Test
    void login_ofAnUnknownName_isThrottledExactlyLikeAKnownOne() {
        fixture.register("bob");
        for (String name : new String[] {"bob", "nobody-here"}) {
            login(name, "wrong", FIRST);
            login(name, "wrong", FIRST);
        }

        Problem known = login("BOB", "wrong", SECOND).problem();
        Problem unknown = login("nobody-here", "wrong", SECOND).problem();

        assertThat(known).isEqualTo(unknown).isInstanceOf(Problem.RateLimited.class);
    }

    @Test
    void login_beyondTheAddressLimit_isRateLimited_whateverTheName_andOtherAddressesAreNotHeldUp() {
        fixture.register("carol");
        for (int i = 0; i < 4; i++) {
            assertThat(login("name-" + i, "wrong", FIRST).problem()).isInstanceOf(Problem.InvalidCredentials.class);
        }

        assertThat(login("carol", PASSWORD, FIRST).problem()).isInstanceOf(Problem.RateLimited.class);
        assertThat(login("carol", PASSWORD, SECOND).isDone()).isTrue();
    }

    @Test
    void callsWithoutAnAddress_areThrottledPerAccountOnly() {
        for (int i = 0; i < 6; i++) {
            assertThat(fixture.core.sessions().login(Login.of(TenantId.DEFAULT, "name-" + i, "wrong")).problem())
                    .isInstanceOf(Problem.InvalidCredentials.class);
        }
    }

    @Test
    void registration_isThrottledPerEmailAddress_andPerAddress() {
        assertThat(register("dave", "dave@example.com", FIRST).isDone()).isTrue();
        assertThat(register("dave2", "dave@example.com", FIRST).problem()).isInstanceOf(Problem.EmailTaken.class);

        assertThat(register("dave3", "DAVE@example.com", SECOND).problem()).isInstanceOf(Problem.RateLimited.class);
        assertThat(register("erin", "erin@example.com", FIRST).isDone()).isTrue();
        assertThat(register("frank", "frank@example.com", FIRST).isDone()).isTrue();
        assertThat(register("gina", "gina@example.com", FIRST).problem()).isInstanceOf(Problem.RateLimited.class);
        assertThat(fixture.users.findByEmail(TenantId.DEFAULT, Email.of("gina@example.com"))).isEmpty();
    }

    @Test
    void codeEntry_forEmailVerification_isThrottledPerUser() {
        UserRef user = fixture.register("heidi").user().ref();
        String code = fixture.lastCode("heidi@example.com");
        String wrong = code.equals("000000") ? "111111" : "000000";
        fixture.core.emailAddresses().verify(user, wrong, FIRST);
        fixture.core.emailAddresses().verify(user, wrong, SECOND);

        Outcome<?> right = fixture.core.emailAddresses().verify(user, code, SECOND);

        assertThat(right.problem()).isInstanceOf(Problem.RateLimited.class);
        fixture.clock.advance(WINDOW);
        assertThat(fixture.core.emailAddresses().verify(user, code, SECOND).isDone()).isTrue();
    }

    @Test
    void passwordResetRequests_andCodeEntries_areThrottledPerEmailAddress() {
        fixture.register("ivan");
        for (RequestContext from : new RequestContext[] {FIRST, SECOND}) {
            assertThat(fixture.core.passwords().requestReset(TenantId.DEFAULT, "ivan@example.com", from).isDone())
                    .isTrue();
        }
        assertThat(fixture.core.passwords().requestReset(TenantId.DEFAULT, "Ivan@Example.com", SECOND).problem())
                .isInstanceOf(Problem.RateLimited.class);
        String code = fixture.lastCode("ivan@example.com");
        String newPassword = "another-Horse-8-battery";
        fixture.core.passwords().confirmReset(TenantId.DEFAULT, "ivan@example.com", "000001", newPassword, FIRST);
        fixture.core.passwords().confirmReset(TenantId.DEFAULT, "ivan@example.com", "000002", newPassword, FIRST);

        Outcome<?> right = fixture.core.passwords().confirmReset(TenantId.DEFAULT, "ivan@example.com", code,
                newPassword, SECOND);

        assertThat(right.problem()).isInstanceOf(Problem.RateLimited.class);
    }

    @Test
    void failedKeyVerifications_beyondTheLimit_refuseEveryVerificationFromThatAddress_beforeAnyLookup() {
        String key = verifiedKey("judy");
        for (int i = 0; i < 3; i++) {
            assertThat(verify("tg_not-a-key-" + i, FIRST).problem().code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        }
        Instant windowEnd = fixture.clock.instant().plus(WINDOW);

        Outcome<Granted> blocked = verify(key, FIRST);

        assertThat(blocked).isEqualTo(Denied.throttled(new Problem.RateLimited(windowEnd, 3),
                new KeyVerification.RateLimitState(3, 0, windowEnd)));
        assertThat(((Denied) blocked).owner()).isEmpty();
        assertThat(verify(key, SECOND).isDone()).isTrue();
        fixture.clock.set(windowEnd);
        assertThat(verify(key, FIRST).isDone()).isTrue();
    }

    @Test
    void successfulKeyVerifications_useUpNothingOfTheFailureLimit() {
        String key = verifiedKey("karl");
        for (int i = 0; i < 5; i++) {
            assertThat(verify(key, FIRST).isDone()).isTrue();
        }
        assertThat(verify("tg_wrong", FIRST).problem().code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(verify("tg_wrong", FIRST).problem().code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(verify(key, FIRST).isDone()).isTrue();
    }

    @Test
    void failedKeyVerifications_inOneTenant_useUpNothingOfAnothersLimit_fromTheSameAddress() {
        String key = verifiedKey("lena");
        TenantId other = TenantId.of("other-tenant");
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.core.verification().verify(new KeyCheck(other, "tg_not-a-key-" + i, null, 1, null, FIRST))
                    .problem().code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        }
        assertThat(fixture.core.verification().verify(new KeyCheck(other, key, null, 1, null, FIRST)).problem().code())
                .as("the other tenant's address limit is used up").isEqualTo(ErrorCode.RATE_LIMITED);

        assertThat(verify(key, FIRST).isDone()).as("this tenant's limit is whole").isTrue();
    }

    @Test
    void logins_inOneTenant_useUpNothingOfAnothersLimits() {
        fixture.register("mona");
        for (int i = 0; i < 4; i++) {
            fixture.core.sessions().login(Login.of(TenantId.of("other-tenant"), "mona", "wrong").withContext(FIRST));
        }

        assertThat(login("mona", PASSWORD, FIRST).isDone()).isTrue();
    }

    @Test
    void theDefaults_throttleEveryAction_andNoneThrottlesNothing() {
        for (Action action : Action.values()) {
            assertThat(ThrottleSettings.DEFAULTS.rule(action).perAddress()).as("%s per address", action).isNotNull();
            assertThat(ThrottleSettings.NONE.rule(action)).isEqualTo(Rule.NONE);
        }
        assertThat(new Problem.RateLimited(Instant.EPOCH).limit()).isEqualTo(OptionalInt.empty());
    }

    private Outcome<?> login(String name, String password, RequestContext from) {
        return fixture.core.sessions().login(Login.of(TenantId.DEFAULT, name, password).withContext(from));
    }

    private Outcome<?> register(String username, String email, RequestContext from) {
        return fixture.core.registration().register(Registration.of(TenantId.DEFAULT, username, email, PASSWORD)
                .withContext(from));
    }

    private String verifiedKey(String username) {
        // registered from no address, so only the key checks below count against FIRST
        var registered = fixture.core.registration().register(
                Registration.of(TenantId.DEFAULT, username, username + "@example.com", PASSWORD)).orElseThrow();
        fixture.core.emailAddresses().verify(registered.user().ref(), fixture.lastCode(username + "@example.com"),
                RequestContext.NONE).orElseThrow();
        return registered.apiKey().secret();
    }

    private Outcome<Granted> verify(String key, RequestContext from) {
        return fixture.core.verification().verify(new KeyCheck(TenantId.DEFAULT, key, null, 1, null, from));
    }
}
