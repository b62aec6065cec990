package dev.tollgate.port.api.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.api.ErrorCode;
import dev.tollgate.port.api.Outcome;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.api.RefusedException;
import dev.tollgate.port.api.metering.KeyVerification.Denied;
import dev.tollgate.port.api.metering.KeyVerification.Granted;
import dev.tollgate.port.api.metering.KeyVerification.KeyOwner;
import dev.tollgate.port.api.metering.KeyVerification.MeterState;
import dev.tollgate.port.api.metering.KeyVerification.PlanState;
import dev.tollgate.port.api.metering.KeyVerification.RateLimitState;
import dev.tollgate.port.settings.ServiceLevel;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyVerificationTest {

    private static final Instant RESET = Instant.parse("2026-01-06T00:00:00Z");
    private static final KeyOwner OWNER = new KeyOwner(UserRef.of(TenantId.DEFAULT, new UserId(UUID.randomUUID())),
            ApiKeyId.parse(UUID.randomUUID().toString()));
    private static final PlanState FREE = new PlanState("free", ServiceLevel.MEDIUM, Set.of("bpe"),
            Map.of("credits", new MeterState(10, 9, 2, RESET)));
    private static final RateLimitState RATE = new RateLimitState(60, 59, RESET);

    @Test
    void aGrant_knowsEverything_andSplitsIntoOwnerAndPlan() {
        Granted granted = Granted.of(OWNER, FREE, RATE);

        assertThat(granted.user()).isEqualTo(OWNER.user());
        assertThat(granted.key()).isEqualTo(OWNER.key());
        assertThat(granted.plan()).isEqualTo("free");
        assertThat(granted.level()).isEqualTo(ServiceLevel.MEDIUM);
        assertThat(granted.meters().get("credits").remaining()).isEqualTo(11);
        assertThat(granted.owner()).isEqualTo(OWNER);
        assertThat(granted.planState()).isEqualTo(FREE);
        assertThat(Outcome.done(granted).orElseThrow()).isSameAs(granted);
    }

    @Test
    void aGrant_holdsNoNull_andNoLiveCollection() {
        assertThatThrownBy(() -> new Granted(null, OWNER.key(), "free", ServiceLevel.MEDIUM, Set.of(), Map.of(), RATE))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Granted(OWNER.user(), OWNER.key(), "free", ServiceLevel.MEDIUM, Set.of(), Map.of(),
                null)).isInstanceOf(NullPointerException.class);
        Set<String> entitlements = new HashSet<>(Set.of("bpe"));
        Map<String, MeterState> meters = new HashMap<>(FREE.meters());
        Granted granted = new Granted(OWNER.user(), OWNER.key(), "free", ServiceLevel.MEDIUM, entitlements, meters, RATE);
        entitlements.add("react");
        meters.clear();
        assertThat(granted.entitlements()).containsExactly("bpe");
        assertThat(granted.meters()).containsOnlyKeys("credits");
    }

    @Test
    void aDenial_isARefusal_withItsProblem_andWhatWasKnown() {
        Outcome<Granted> denied = new Denied(new Problem.InsufficientCredits("credits"), Optional.of(OWNER),
                Optional.of(FREE), Optional.of(RATE));

        assertThat(denied.isDone()).isFalse();
        assertThat(denied).isInstanceOf(Outcome.Refused.class);
        assertThat(denied.problem().code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
        assertThatThrownBy(denied::orElseThrow).isInstanceOf(RefusedException.class);
        Denied verdict = (Denied) denied;
        assertThat(verdict.owner()).contains(OWNER);
        assertThat(verdict.planState()).contains(FREE);
        assertThat(verdict.rateLimit()).contains(RATE);
    }

    @Test
    void theFactories_knowWhatEachStageOfTheCheckKnows() {
        assertThat(Denied.unknownKey(new Problem.ApiKeyNotFound())).satisfies(denied -> {
            assertThat(denied.owner()).isEmpty();
            assertThat(denied.planState()).isEmpty();
            assertThat(denied.rateLimit()).isEmpty();
        });
        assertThat(Denied.knownKey(new Problem.ApiKeyRevoked(), OWNER)).satisfies(denied -> {
            assertThat(denied.owner()).contains(OWNER);
            assertThat(denied.planState()).isEmpty();
            assertThat(denied.rateLimit()).isEmpty();
        });
        RateLimitState blocked = new RateLimitState(100, 0, RESET);
        assertThat(Denied.throttled(new Problem.RateLimited(RESET, 100), blocked)).satisfies(denied -> {
            assertThat(denied.owner()).isEmpty();
            assertThat(denied.rateLimit()).contains(blocked);
        });
    }

    @Test
    void aPlan_isKnownOnlyForAKnownKey() {
        assertThatThrownBy(() -> new Denied(new Problem.EntitlementMissing("react"), Optional.empty(), Optional.of(FREE),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Denied(new Problem.ApiKeyNotFound(), null, Optional.empty(), Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void denialsAreValues_distinctFromAPlainRefusal() {
        Denied revoked = Denied.knownKey(new Problem.ApiKeyRevoked(), OWNER);

        assertThat(revoked).isEqualTo(Denied.knownKey(new Problem.ApiKeyRevoked(), OWNER))
                .hasSameHashCodeAs(Denied.knownKey(new Problem.ApiKeyRevoked(), OWNER))
                .isNotEqualTo(Denied.unknownKey(new Problem.ApiKeyRevoked()))
                .isNotEqualTo(Outcome.refused(new Problem.ApiKeyRevoked()));
        assertThat(revoked.toString()).startsWith("Denied[problem=ApiKeyRevoked[]");
        assertThat(revoked.map(Granted::plan)).as("mapping keeps the problem only")
                .isEqualTo(Outcome.refused(new Problem.ApiKeyRevoked()));
    }
}
