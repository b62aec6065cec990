package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static dev.tollgate.core.CoreFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.core.key.ApiKeyFormat;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.Denied;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.KeyVerification.KeyOwner;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.port.spi.metering.Subscription;
import dev.tollgate.tck.support.SeededRandomSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private final CoreFixture fixture = new CoreFixture();

    @Test
    void aVerifiedUsersKey_isValid_takesOneCredit_andCarriesPlanLevelAndBalances() {
        IssuedApiKey key = verifiedUsersKey("alice");

        Granted answer = granted(KeyCheck.of(TenantId.DEFAULT, key.secret()));

        assertThat(answer.plan()).isEqualTo("free");
        assertThat(answer.level()).isEqualTo(ServiceLevel.MEDIUM);
        assertThat(answer.entitlements()).contains("bpe");
        assertThat(answer.meters().get("credits").allowance()).isEqualTo(10);
        assertThat(answer.meters().get("credits").remaining()).isEqualTo(9);
        assertThat(answer.meters().get("conversation_limit").remaining()).isEqualTo(20);
        assertThat(answer.meters().get("credits").resetsAt()).isEqualTo(Instant.parse("2026-01-06T00:00:00Z"));
        assertThat(answer.rateLimit().limit()).isEqualTo(60);
        assertThat(answer.rateLimit().remaining()).isEqualTo(59);
    }

    @Test
    void malformedMistypedAndUnknownKeys_areNotFound() {
        IssuedApiKey key = verifiedUsersKey("bob");
        String secret = key.secret();

        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, "not a key"))).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, secret.substring(0, secret.length() - 1))))
                .isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, secret.replace("tg_", "xx_")))).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        // well-formed, right checksum, but never issued
        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, new ApiKeyFormat("tg",
                new SeededRandomSource(99)).newKey())))
                .isEqualTo(ErrorCode.KEY_NOT_FOUND);
    }

    @Test
    void aKeyPresentedToAnotherTenant_isNotFound_andTakesNothing() {
        IssuedApiKey key = verifiedUsersKey("tess");

        Denied elsewhere = denied(KeyCheck.of(TenantId.of("other-tenant"), key.secret()).withMeter("credits", 4));

        assertThat(elsewhere.problem().code()).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(elsewhere.owner()).isEmpty();
        assertThat(granted(KeyCheck.of(TenantId.DEFAULT, key.secret())).meters().get("credits").remaining())
                .as("nothing was taken elsewhere").isEqualTo(9);
    }

    @Test
    void revokedAndExpiredKeys_areRefusedByName_atOnce() {
        Registered registered = registeredVerified("carol");
        UserRef user = registered.user().ref();
        IssuedApiKey expiring = fixture.core.apiKeys()
                .create(user, "short", fixture.clock.instant().plus(Duration.ofHours(1)), ORIGIN).orElseThrow();
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, registered.apiKey().secret())).isDone()).isTrue();

        fixture.core.apiKeys().revoke(user, registered.apiKey().key().id(), ORIGIN).orElseThrow();
        fixture.clock.advance(Duration.ofHours(1));

        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, registered.apiKey().secret()))).isEqualTo(ErrorCode.KEY_REVOKED);
        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, expiring.secret()))).isEqualTo(ErrorCode.KEY_EXPIRED);
    }

    @Test
    void eachVerdict_carriesWhatTheCheckKnewWhenItStopped() {
        Registered registered = registeredVerified("cleo");
        KeyOwner owner = new KeyOwner(registered.user().ref(), registered.apiKey().key().id());
        Registered unverified = fixture.register("cato");

        assertThat(denied(KeyCheck.of(TenantId.DEFAULT, "tg_not-a-key")))
                .isEqualTo(Denied.unknownKey(new Problem.ApiKeyNotFound()));
        assertThat(denied(KeyCheck.of(TenantId.DEFAULT, unverified.apiKey().secret()))).isEqualTo(Denied.knownKey(
                new Problem.EmailUnverified(), new KeyOwner(unverified.user().ref(), unverified.apiKey().key().id())));
        Denied missing = denied(KeyCheck.of(TenantId.DEFAULT, registered.apiKey().secret()).requiring("nothing_granted"));
        assertThat(missing.problem()).isEqualTo(new Problem.EntitlementMissing("nothing_granted"));
        assertThat(missing.owner()).contains(owner);
        assertThat(missing.planState()).hasValueSatisfying(plan -> assertThat(plan.plan()).isEqualTo("free"));
        assertThat(missing.rateLimit()).isEmpty();

        fixture.core.apiKeys().revoke(registered.user().ref(), registered.apiKey().key().id(), ORIGIN).orElseThrow();
        assertThat(denied(KeyCheck.of(TenantId.DEFAULT, registered.apiKey().secret())))
                .isEqualTo(Denied.knownKey(new Problem.ApiKeyRevoked(), owner));
    }

    @Test
    void aRegeneratedKeysOldSecret_isDeadAtOnce() {
        Registered registered = registeredVerified("dave");
        IssuedApiKey fresh = fixture.core.apiKeys()
                .regenerate(registered.user().ref(), registered.apiKey().key().id(), PASSWORD, ORIGIN).orElseThrow();

        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, registered.apiKey().secret()))).isEqualTo(ErrorCode.KEY_NOT_FOUND);
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, fresh.secret())).isDone()).isTrue();
    }

    @Test
    void anUnverifiedOrInactiveOwner_isRefused_andNothingIsTaken() {
        Registered unverified = fixture.register("erin");
        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, unverified.apiKey().secret()))).isEqualTo(ErrorCode.EMAIL_UNVERIFIED);

        Registered suspended = registeredVerified("frank");
        fixture.core.accounts().suspend(suspended.user().ref(), "abuse", ORIGIN).orElseThrow();
        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, suspended.apiKey().secret()))).isEqualTo(ErrorCode.USER_INACTIVE);

        CoreFixture lenient = new CoreFixture(s -> s.withApiKeys(s.apiKeys().withRequireVerifiedEmail(false)));
        assertThat(lenient.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, lenient.register("gina").apiKey().secret())).isDone())
                .isTrue();
    }

    @Test
    void aMissingEntitlement_isRefused_andAnOverrideGrantsIt() {
        Plan bpeOnly = new Plan("bpe_only", Map.of("credits", new Plan.Allowance(10, Plan.Period.DAILY)),
                Set.of("bpe"), ServiceLevel.MEDIUM, new Plan.RateLimit(60, Duration.ofMinutes(1)));
        CoreFixture narrow = new CoreFixture(s -> s.withPlans(new PlanSettings(PlanSettings.byName(List.of(bpeOnly)),
                "bpe_only", ZoneId.of("UTC"))));
        Registered registered = narrow.register("hank");
        narrow.core.emailAddresses().verify(registered.user().ref(), narrow.lastCode("hank@example.com"), ORIGIN)
                .orElseThrow();
        String key = registered.apiKey().secret();

        Outcome<Granted> refused = narrow.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).requiring("react"));
        assertThat(refused.problem()).isEqualTo(new Problem.EntitlementMissing("react"));
        assertThat(((Denied) refused).planState().orElseThrow().meters().get("credits").remaining()).isEqualTo(10);
        assertThat(((Denied) refused).rateLimit()).as("stopped before the rate limit").isEmpty();

        narrow.subscriptions.save(new Subscription(registered.user().ref(), "bpe_only", Map.of(), null,
                Set.of("react"), narrow.clock.instant()));
        assertThat(narrow.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).requiring("react")).isDone()).isTrue();
    }

    @Test
    void theDefaultPlan_grantsEveryAccessTypeOfThePredecessor_atLevelMedium() {
        String key = verifiedUsersKey("hope").secret();

        for (String access : List.of("bpe", "tot", "bcot", "hcot", "react")) {
            Outcome<Granted> verdict = verify(KeyCheck.of(TenantId.DEFAULT, key).requiring(access));
            assertThat(verdict.isDone()).as(access).isTrue();
            Granted answer = verdict.orElseThrow();
            assertThat(answer.plan()).isEqualTo("free");
            assertThat(answer.level()).isEqualTo(ServiceLevel.MEDIUM);
        }
        Granted last = granted(KeyCheck.of(TenantId.DEFAULT, key));
        assertThat(last.meters().get("credits").allowance()).isEqualTo(10);
        assertThat(last.meters().get("conversation_limit").allowance()).isEqualTo(20);
    }

    @Test
    void credits_runOut_refusalsTakeNothing_andTheNextDayResetsThem() {
        String key = verifiedUsersKey("ivan").secret();
        for (int i = 0; i < 3; i++) {
            assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 3)).isDone()).isTrue();
        }

        Denied tooMuch = denied(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 2));
        assertThat(tooMuch.problem()).isEqualTo(new Problem.InsufficientCredits("credits"));
        assertThat(tooMuch.planState().orElseThrow().meters().get("credits").remaining()).isEqualTo(1);
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key)).isDone()).isTrue();

        fixture.clock.set(Instant.parse("2026-01-06T00:00:00Z"));
        assertThat(granted(KeyCheck.of(TenantId.DEFAULT, key)).meters().get("credits").remaining()).isEqualTo(9);
    }

    @Test
    void topUps_areSpentAfterTheAllowance_andSurviveTheReset() {
        Registered registered = registeredVerified("judy");
        String key = registered.apiKey().secret();
        fixture.meters.topUp(registered.user().ref(), MeterName.of("credits"), 5, PeriodAllowance.of(Instant.parse("2026-01-05T00:00:00Z"), 10));

        assertThat(granted(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 12)).meters().get("credits"))
                .satisfies(state -> {
                    assertThat(state.allowanceLeft()).isZero();
                    assertThat(state.topUpLeft()).isEqualTo(3);
                });
        fixture.clock.set(Instant.parse("2026-01-06T08:00:00Z"));
        assertThat(granted(KeyCheck.of(TenantId.DEFAULT, key)).meters().get("credits").remaining()).isEqualTo(12);
    }

    @Test
    void theKeysRateLimit_refusesBeyondThePlansRequestsPerWindow_andOverridesRaiseIt() {
        Registered registered = registeredVerified("karl");
        String key = registered.apiKey().secret();
        fixture.meters.topUp(registered.user().ref(), MeterName.of("credits"), 1000, PeriodAllowance.of(Instant.parse("2026-01-05T00:00:00Z"), 10));
        for (int i = 0; i < 60; i++) {
            assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key)).isDone()).isTrue();
        }

        Denied limited = denied(KeyCheck.of(TenantId.DEFAULT, key));

        assertThat(limited.problem()).isEqualTo(new Problem.RateLimited(fixture.clock.instant().plus(Duration.ofMinutes(1)), 60));
        assertThat(limited.rateLimit().orElseThrow().remaining()).isZero();
        assertThat(limited.rateLimit().orElseThrow().resetsAt()).isEqualTo(fixture.clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(limited.planState().orElseThrow().meters().get("credits").remaining()).isEqualTo(1010 - 60);
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key)).isDone()).isTrue();
    }

    @Test
    void badCostsAndMeterNames_areValidationFailures() {
        String key = verifiedUsersKey("leo").secret();

        Problem cost = Problem.InvalidInput.of("cost", "must be 0 to 1000000");
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", -1))).isEqualTo(Outcome.refused(cost));
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 1_000_001)))
                .isEqualTo(Outcome.refused(cost));
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("Credits!", 1))).isEqualTo(Outcome.refused(
                Problem.InvalidInput.of("meter", "must be 1 to 64 lower-case letters, digits and '_', starting with a letter")));
        assertThat(verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("Credits!", -1)).problem())
                .as("the cost is checked first").isEqualTo(cost);
    }

    @Test
    void aMeterNoPlanNames_isRefusedAsUnknown_takesNothing_andIsNoUsage() {
        Registered registered = registeredVerified("nora");
        String key = registered.apiKey().secret();

        Outcome<Granted> answer = verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("nope", 1));

        assertThat(answer).as("no verdict on the key: nothing of it is known").isEqualTo(
                Outcome.refused(new Problem.UnknownMeter("nope")));
        fixture.usageSink.close(); // writes whatever the usage sink holds
        assertThat(fixture.usage.recent(registered.user().ref(), 10)).isEmpty();
        assertThat(fixture.meters.balance(registered.user().ref(), MeterName.of("nope"),
                PeriodAllowance.of(fixture.clock.instant(), 0)).total()).isZero();
    }

    @Test
    void aCostOfZero_checksTheKeyAndAnswersItsMeters_takingNothing() {
        Registered registered = registeredVerified("otto");
        String key = registered.apiKey().secret();
        verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 3));

        Granted check = granted(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 0));

        assertThat(check.meters().get("credits").remaining()).isEqualTo(7);
        assertThat(granted(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 0)).meters().get("credits").remaining()).isEqualTo(7);
        fixture.core.apiKeys().revoke(registered.user().ref(), registered.apiKey().key().id(), ORIGIN).orElseThrow();
        assertThat(refusal(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 0))).isEqualTo(ErrorCode.KEY_REVOKED);
    }

    @Test
    void sixtyFourConcurrentSpenders_takeExactlyTheBalance() throws Exception {
        Registered registered = registeredVerified("mia");
        fixture.subscriptions.save(new Subscription(registered.user().ref(), "free", Map.of("credits", 37L), 1000,
                Set.of(), fixture.clock.instant()));
        String key = registered.apiKey().secret();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Outcome<Granted>>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return verify(KeyCheck.of(TenantId.DEFAULT, key));
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Outcome<Granted>> answer : answers) {
                Outcome<Granted> verification = answer.get(30, TimeUnit.SECONDS);
                granted += verification.isDone() ? 1 : 0;
                if (!verification.isDone()) {
                    assertThat(verification.problem().code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
                }
            }
            assertThat(granted).isEqualTo(37);
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome<Granted> verify(KeyCheck check) {
        return fixture.core.verification().verify(check);
    }

    /** The grant; fails the test when the check is refused. */
    private Granted granted(KeyCheck check) {
        return verify(check).orElseThrow();
    }

    /** The verdict that the key may not do this; fails the test otherwise. */
    private Denied denied(KeyCheck check) {
        Outcome<Granted> answer = verify(check);
        assertThat(answer).isInstanceOf(Denied.class);
        return (Denied) answer;
    }

    /** The code of the refusal; fails the test when the check is granted. */
    private ErrorCode refusal(KeyCheck check) {
        return verify(check).problem().code();
    }

    private IssuedApiKey verifiedUsersKey(String username) {
        return registeredVerified(username).apiKey();
    }

    private Registered registeredVerified(String username) {
        Registered registered = fixture.register(username);
        fixture.core.emailAddresses().verify(registered.user().ref(), fixture.lastCode(username + "@example.com"), ORIGIN)
                .orElseThrow();
        return registered;
    }
}
