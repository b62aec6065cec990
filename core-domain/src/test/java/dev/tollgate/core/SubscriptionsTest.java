package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.AuditOutcome;
import dev.tollgate.port.AuditType;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.metering.PlanChange;
import dev.tollgate.port.api.metering.SubscriptionView;
import dev.tollgate.port.api.metering.Subscriptions;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.PlanSettings;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Putting users on plans with overrides and topping up their meters, as billing does. */
class SubscriptionsTest {

    private final CoreFixture fixture = new CoreFixture();
    private final Subscriptions subscriptions = fixture.core.subscriptions();

    @Test
    void withoutASubscription_theDefaultPlanApplies() {
        UserRef user = fixture.register("alice").user().ref();

        SubscriptionView view = subscriptions.view(user).orElseThrow();

        assertThat(view.plan()).isEqualTo("free");
        assertThat(view.subscribed()).isFalse();
        assertThat(view.updatedAt()).isNull();
        assertThat(view.entitlements()).containsExactlyInAnyOrder("bpe", "tot", "bcot", "hcot", "react");
        assertThat(view.meters().get("credits").allowance()).isEqualTo(10);
    }

    @Test
    void aChangedPlan_appliesToVerification_withItsOverrides_andIsAudited() {
        Registered bob = registeredVerified("bob");
        UserRef user = bob.user().ref();

        SubscriptionView view = subscriptions.change(user, new PlanChange("premium", Map.of("credits", 5L), 2,
                Set.of("beta")), ORIGIN).orElseThrow();

        assertThat(view.plan()).isEqualTo("premium");
        assertThat(view.subscribed()).isTrue();
        assertThat(view.level()).isEqualTo(ServiceLevel.HIGH);
        assertThat(view.entitlements()).contains("hcot", "beta");
        assertThat(view.meters().get("credits").allowance()).isEqualTo(5);
        Granted verdict = fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, bob.apiKey().secret())
                .requiring("beta")).orElseThrow();
        assertThat(verdict.plan()).isEqualTo("premium");
        assertThat(verdict.rateLimit().limit()).isEqualTo(2);
        assertThat(fixture.audit(user)).filteredOn(e -> e.type() == AuditType.PLAN_CHANGED)
                .singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                    assertThat(event.details()).containsEntry("plan", "premium");
                });
    }

    @Test
    void aMoveToABiggerPlanMidPeriod_givesItsAllowanceAtOnce_lessWhatWasUsed() {
        Registered carol = registeredVerified("carol");
        String key = carol.apiKey().secret();
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 2)).isDone()).isTrue();

        SubscriptionView premium = subscriptions.change(carol.user().ref(), PlanChange.to("premium"), ORIGIN)
                .orElseThrow();

        assertThat(premium.meters().get("credits")).extracting(MeterState::allowance, MeterState::allowanceLeft)
                .containsExactly(1000L, 998L);
        Granted verdict = fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).orElseThrow();
        assertThat(verdict.plan()).isEqualTo("premium");
        assertThat(verdict.meters().get("credits")).extracting(MeterState::allowance, MeterState::allowanceLeft)
                .containsExactly(1000L, 997L);
        assertThat(subscriptions.view(carol.user().ref()).orElseThrow().meters().get("credits").allowanceLeft())
                .isEqualTo(997);
    }

    @Test
    void aMoveDownBelowWhatWasUsed_leavesNothingOfTheAllowance_butKeepsTopUps_andBackUpRemembersTheUse() {
        Registered dana = registeredVerified("dana");
        UserRef user = dana.user().ref();
        String key = dana.apiKey().secret();
        subscriptions.change(user, PlanChange.to("basic"), ORIGIN).orElseThrow();
        fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 80));
        subscriptions.topUp(user, "credits", 5, ORIGIN).orElseThrow();

        SubscriptionView free = subscriptions.change(user, PlanChange.to("free"), ORIGIN).orElseThrow();

        assertThat(free.meters().get("credits"))
                .extracting(MeterState::allowance, MeterState::allowanceLeft, MeterState::topUpLeft)
                .containsExactly(10L, 0L, 5L);
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 2)).orElseThrow().meters()
                .get("credits")).extracting(MeterState::allowanceLeft, MeterState::topUpLeft).containsExactly(0L, 3L);
        SubscriptionView basic = subscriptions.change(user, PlanChange.to("basic"), ORIGIN).orElseThrow();
        assertThat(basic.meters().get("credits"))
                .extracting(MeterState::allowance, MeterState::allowanceLeft, MeterState::topUpLeft)
                .containsExactly(100L, 20L, 3L);
    }

    @Test
    void aPerUserOverrideMidPeriod_appliesAtOnce_lessWhatWasUsed_andTheNextPeriodStartsAfresh() {
        Registered emma = registeredVerified("emma");
        UserRef user = emma.user().ref();
        String key = emma.apiKey().secret();
        fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 4));

        SubscriptionView raised = subscriptions.change(user, new PlanChange("free", Map.of("credits", 50L), null,
                Set.of()), ORIGIN).orElseThrow();

        assertThat(raised.meters().get("credits").allowanceLeft()).isEqualTo(46);
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).orElseThrow().meters().get("credits").allowanceLeft())
                .isEqualTo(45);
        subscriptions.change(user, PlanChange.to("basic"), ORIGIN).orElseThrow();
        fixture.clock.advance(Duration.ofDays(1));
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).orElseThrow().meters().get("credits").allowanceLeft())
                .isEqualTo(99);
    }

    @Test
    void anAmountTheOperatorChangesMidPeriod_appliesAtTheRestart_lessWhatWasUsed() {
        Registered gail = registeredVerified("gail");
        String key = gail.apiKey().secret();
        fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 2));

        CoreServices raised = fixture.restartedWith(settings -> settings.withPlans(freeCredits(1000)));
        Granted verdict = raised.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).orElseThrow();
        CoreServices lowered = fixture.restartedWith(settings -> settings.withPlans(freeCredits(2)));

        assertThat(verdict.meters().get("credits")).extracting(MeterState::allowance, MeterState::allowanceLeft)
                .containsExactly(1000L, 997L);
        Outcome<Granted> refused = lowered.verification().verify(KeyCheck.of(TenantId.DEFAULT, key));
        assertThat(refused.problem().code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
        assertThat(lowered.subscriptions().view(gail.user().ref()).orElseThrow().meters().get("credits"))
                .extracting(MeterState::allowance, MeterState::allowanceLeft).containsExactly(2L, 0L);
    }

    @Test
    void aTopUp_isSpentAfterTheAllowance_andSurvivesTheReset() {
        Registered dave = registeredVerified("dave");
        String key = dave.apiKey().secret();

        MeterState state = subscriptions.topUp(dave.user().ref(), "credits", 15, ORIGIN).orElseThrow();

        assertThat(state.topUpLeft()).isEqualTo(15);
        assertThat(state.remaining()).isEqualTo(25);
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 12)).orElseThrow().meters()
                .get("credits")).extracting(MeterState::allowanceLeft, MeterState::topUpLeft).containsExactly(0L, 13L);
        fixture.clock.advance(Duration.ofDays(1));
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).orElseThrow().meters().get("credits"))
                .extracting(MeterState::allowanceLeft, MeterState::topUpLeft).containsExactly(9L, 13L);
        assertThat(fixture.audit(dave.user().ref())).filteredOn(e -> e.type() == AuditType.METER_TOPPED_UP)
                .extracting(AuditEvent::details).containsExactly(Map.of("meter", "credits", "amount", "15"));
    }

    @Test
    void aTopUpOfAMeterThePlanLacks_isTheOnlyWayToPayForIt() {
        CoreFixture withExports = new CoreFixture(settings -> settings.withPlans(new PlanSettings(PlanSettings.byName(
                List.of(new Plan("free", Map.of("credits", new Plan.Allowance(10, Plan.Period.DAILY)), Set.of(),
                                ServiceLevel.LOW, new Plan.RateLimit(60, Duration.ofMinutes(1))),
                        new Plan("pro", Map.of("exports", new Plan.Allowance(50, Plan.Period.DAILY)), Set.of(),
                                ServiceLevel.HIGH, new Plan.RateLimit(60, Duration.ofMinutes(1))))),
                "free", ZoneOffset.UTC)));
        Registered erin = withExports.register("erin");
        withExports.core.emailAddresses().verify(erin.user().ref(), withExports.lastCode("erin@example.com"), ORIGIN)
                .orElseThrow();
        String key = erin.apiKey().secret();
        assertThat(withExports.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("exports", 1)).problem().code())
                .isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);

        withExports.core.subscriptions().topUp(erin.user().ref(), "exports", 2, ORIGIN).orElseThrow();

        assertThat(withExports.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("exports", 2)).isDone()).isTrue();
    }

    @Test
    void aMeterNoPlanNames_cannotBeToppedUpNorOverridden() {
        UserRef user = fixture.register("gina").user().ref();

        assertThat(subscriptions.topUp(user, "nope", 5, ORIGIN).problem()).isEqualTo(new Problem.UnknownMeter("nope"));
        Problem change = subscriptions.change(user, new PlanChange("basic", Map.of("nope", 5L), null, Set.of()), ORIGIN)
                .problem();
        assertThat(change).isInstanceOfSatisfying(Problem.InvalidInput.class, invalid -> assertThat(invalid.errors())
                .extracting(Problem.FieldError::field).containsExactly("allowance_overrides.nope"));
        assertThat(fixture.meters.balance(user, MeterName.of("nope"), PeriodAllowance.of(fixture.clock.instant(), 0)).topUpLeft()).isZero();
        assertThat(subscriptions.view(user).orElseThrow().subscribed()).isFalse();
    }

    @Test
    void badInput_isRefusedPerField_andChangesNothing() {
        UserRef user = fixture.register("frank").user().ref();

        Problem plan = subscriptions.change(user, new PlanChange("gold", Map.of("Bad!", 1L, "credits", -1L), 0,
                Set.of("Not Valid")), ORIGIN).problem();
        Problem topUp = subscriptions.topUp(user, "credits", 0, ORIGIN).problem();

        assertThat(plan).isInstanceOfSatisfying(Problem.InvalidInput.class, invalid -> assertThat(invalid.errors())
                .extracting(Problem.FieldError::field).containsExactlyInAnyOrder("plan", "allowance_overrides",
                        "allowance_overrides.credits", "rate_limit_override", "extra_entitlements"));
        assertThat(topUp).isInstanceOf(Problem.InvalidInput.class);
        assertThat(subscriptions.topUp(user, "credits", Subscriptions.MAX_TOP_UP + 1, ORIGIN).isDone()).isFalse();
        assertThat(subscriptions.view(user).orElseThrow().subscribed()).isFalse();
        assertThat(fixture.meters.balance(user, MeterName.of("credits"), PeriodAllowance.of(fixture.clock.instant(), 10)).topUpLeft()).isZero();
    }

    @Test
    void anUnknownUser_isNotFound() {
        UserRef nobody = new UserRef(fixture.register("gina").user().ref().tenant(), new UserId(UUID.randomUUID()));

        assertThat(subscriptions.view(nobody).problem()).isInstanceOf(Problem.UserNotFound.class);
        assertThat(subscriptions.change(nobody, PlanChange.to("basic"), ORIGIN).problem())
                .isInstanceOf(Problem.UserNotFound.class);
        assertThat(subscriptions.topUp(nobody, "credits", 1, ORIGIN).problem()).isInstanceOf(Problem.UserNotFound.class);
        assertThat(fixture.subscriptions.find(nobody)).isEmpty();
    }

    /** The built-in plans with {@code amount} credits a day on {@code free}. */
    private static PlanSettings freeCredits(long amount) {
        Plan free = PlanSettings.DEFAULTS.plans().get("free");
        Map<String, Plan.Allowance> meters = new HashMap<>(free.meters());
        meters.put("credits", new Plan.Allowance(amount, Plan.Period.DAILY));
        Map<String, Plan> plans = new HashMap<>(PlanSettings.DEFAULTS.plans());
        plans.put("free", new Plan("free", meters, free.entitlements(), free.level(), free.rateLimit()));
        return new PlanSettings(plans, "free", PlanSettings.DEFAULTS.zone());
    }

    private Registered registeredVerified(String username) {
        Registered registered = fixture.register(username);
        fixture.core.emailAddresses().verify(registered.user().ref(), fixture.lastCode(username + "@example.com"), ORIGIN)
                .orElseThrow();
        return registered;
    }
}
