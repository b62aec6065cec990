package dev.tollgate.core;

import static dev.tollgate.core.CoreFixture.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.key.IssuedApiKey;
import dev.tollgate.port.api.metering.KeyCheck;
import dev.tollgate.port.api.metering.PlanChange;
import dev.tollgate.port.api.metering.SubscriptionView;
import dev.tollgate.port.settings.ServiceLevel;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A user's own service level replaces their plan's wherever a level is answered. */
class ServiceLevelOverrideTest {

    private final CoreFixture fixture = new CoreFixture();
    private final UserRef alice = fixture.registerVerified("alice");

    @Test
    void withoutAnOverride_thePlansLevelApplies() {
        SubscriptionView view = fixture.core.subscriptions().change(alice, PlanChange.to("premium"), ORIGIN)
                .orElseThrow();

        assertThat(view.level()).isEqualTo(ServiceLevel.HIGH);
        assertThat(view.levelOverride()).isNull();
    }

    @Test
    void anOverride_isTheLevel_ofTheView_theUsageReport_andEveryVerification() {
        IssuedApiKey key = fixture.core.apiKeys().create(alice, "ci", null, ORIGIN).orElseThrow();

        SubscriptionView view = fixture.core.subscriptions().change(alice,
                new PlanChange("premium", Map.of(), null, Set.of(), ServiceLevel.LOW), ORIGIN).orElseThrow();

        assertThat(view.plan()).isEqualTo("premium");
        assertThat(view.level()).isEqualTo(ServiceLevel.LOW);
        assertThat(view.levelOverride()).isEqualTo(ServiceLevel.LOW);
        assertThat(fixture.core.subscriptions().view(alice).orElseThrow().level()).isEqualTo(ServiceLevel.LOW);
        assertThat(fixture.core.usageReports().report(alice, 1).orElseThrow().level()).isEqualTo(ServiceLevel.LOW);
        assertThat(fixture.core.verification().verify(KeyCheck.of(TenantId.DEFAULT, key.secret())).orElseThrow()
                .level()).isEqualTo(ServiceLevel.LOW);
    }

    @Test
    void aChangeWithoutOne_dropsAnEarlierOverride() {
        fixture.core.subscriptions().change(alice, new PlanChange("free", Map.of(), null, Set.of(), ServiceLevel.HIGH),
                ORIGIN).orElseThrow();

        SubscriptionView view = fixture.core.subscriptions().change(alice, PlanChange.to("free"), ORIGIN).orElseThrow();

        assertThat(view.level()).isEqualTo(ServiceLevel.MEDIUM);
    }
}
