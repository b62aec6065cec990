package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.key.KeyCheck;
import dev.tollgate.port.api.key.KeyVerification;
import dev.tollgate.port.api.key.KeyVerification.MeterState;
import dev.tollgate.port.api.plan.PlanChange;
import dev.tollgate.port.api.plan.SubscriptionView;
import dev.tollgate.port.api.plan.Subscriptions;
import dev.tollgate.port.api.registration.Registered;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.audit.AuditEvent;
import dev.tollgate.port.spi.audit.AuditOutcome;
import dev.tollgate.port.spi.audit.AuditType;
import java.time.Duration;
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
        assertThat(view.entitlements()).containsExactly("bpe");
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
        KeyVerification verdict = fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, bob.apiKey().secret())
                .requiring("beta"));
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.plan()).isEqualTo("premium");
        assertThat(verdict.rateLimit().limit()).isEqualTo(2);
        assertThat(fixture.audit(user)).filteredOn(e -> e.type() == AuditType.PLAN_CHANGED)
                .singleElement().satisfies(event -> {
                    assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                    assertThat(event.details()).containsEntry("plan", "premium");
                });
    }

    @Test
    void aNewAllowance_appliesFromTheNextPeriod_theCurrentOneKeepsWhatIsLeft() {
        Registered carol = registeredVerified("carol");
        String key = carol.apiKey().secret();
        fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 4));

        subscriptions.change(carol.user().ref(), PlanChange.to("basic"), ORIGIN).orElseThrow();

        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).meters().get("credits").allowanceLeft())
                .isEqualTo(5);
        fixture.clock.advance(Duration.ofDays(1));
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).meters().get("credits").allowanceLeft())
                .isEqualTo(99);
    }

    @Test
    void aTopUp_isSpentAfterTheAllowance_andSurvivesTheReset() {
        Registered dave = registeredVerified("dave");
        String key = dave.apiKey().secret();

        MeterState state = subscriptions.topUp(dave.user().ref(), "credits", 15, ORIGIN).orElseThrow();

        assertThat(state.topUpLeft()).isEqualTo(15);
        assertThat(state.remaining()).isEqualTo(25);
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("credits", 12)).meters()
                .get("credits")).extracting(MeterState::allowanceLeft, MeterState::topUpLeft).containsExactly(0L, 13L);
        fixture.clock.advance(Duration.ofDays(1));
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key)).meters().get("credits"))
                .extracting(MeterState::allowanceLeft, MeterState::topUpLeft).containsExactly(9L, 13L);
        assertThat(fixture.audit(dave.user().ref())).filteredOn(e -> e.type() == AuditType.METER_TOPPED_UP)
                .extracting(AuditEvent::details).containsExactly(Map.of("meter", "credits", "amount", "15"));
    }

    @Test
    void aTopUpOfAMeterThePlanLacks_isTheOnlyWayToPayForIt() {
        Registered erin = registeredVerified("erin");
        String key = erin.apiKey().secret();
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("exports", 1)).refusal())
                .isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);

        subscriptions.topUp(erin.user().ref(), "exports", 2, ORIGIN).orElseThrow();

        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key).withMeter("exports", 2)).valid()).isTrue();
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
        assertThat(fixture.meters.balance(user, "credits", fixture.clock.instant(), 10).topUpLeft()).isZero();
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

    private Registered registeredVerified(String username) {
        Registered registered = fixture.register(username);
        fixture.core.emailAddresses().verify(registered.user().ref(), fixture.lastCode(username + "@example.com"), ORIGIN)
                .orElseThrow();
        return registered;
    }
}
