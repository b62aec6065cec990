package dev.tollgate.core.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.LockoutSettings;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.user.FailedLogin;
import dev.tollgate.port.spi.user.LockoutRule;
import dev.tollgate.port.spi.user.SuccessfulLogin;
import dev.tollgate.port.spi.user.UserRecord;
import dev.tollgate.tck.support.UserRecords;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutPolicyTest {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private final LockoutPolicy policy = new LockoutPolicy(LockoutSettings.DEFAULTS);

    @Test
    void theRule_theStoreApplies_isTheSettingsThresholdAndLockDuration() {
        assertThat(policy.rule()).isEqualTo(new LockoutRule(5, Duration.ofHours(1)));
        assertThat(new LockoutPolicy(new LockoutSettings(3, Duration.ofMinutes(15))).rule())
                .isEqualTo(new LockoutRule(3, Duration.ofMinutes(15)));
        assertThat(policy.rule().lockUntil(NOW)).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void aLockEndingAfterNow_isInForce_andOneEndingNowOrBefore_isNot() {
        UserRecord locked = UserRecords.aUser().withLockedUntil(NOW.plusMillis(1)).build();

        assertThat(policy.lockInForce(locked, NOW)).contains(new Problem.AccountLocked(NOW.plusMillis(1)));
        assertThat(policy.lockInForce(UserRecords.aUser().withLockedUntil(NOW).build(), NOW)).isEmpty();
        assertThat(policy.lockInForce(UserRecords.aUser().withLockedUntil(null).build(), NOW)).isEmpty();
    }

    @Test
    void aFailureThatLocksOrMeetsALock_isRefusedAsLocked_untilTheLockEnds() {
        Instant until = NOW.plus(Duration.ofHours(1));

        assertThat(policy.refusal(FailedLogin.lockedNow(until))).isEqualTo(new Problem.AccountLocked(until));
        assertThat(policy.refusal(FailedLogin.alreadyLocked(0, until))).isEqualTo(new Problem.AccountLocked(until));
    }

    @Test
    void aCountedFailure_orOneOfNoAccount_isInvalidCredentials() {
        assertThat(policy.refusal(FailedLogin.counted(4))).isInstanceOf(Problem.InvalidCredentials.class);
        assertThat(policy.refusal(FailedLogin.notFound())).isInstanceOf(Problem.InvalidCredentials.class);
    }

    @Test
    void aLoginTheStoreRefused_isLockedWhileConcurrentFailuresLockedIt_elseInvalidCredentials() {
        assertThat(policy.refusal(SuccessfulLogin.locked(NOW.plusSeconds(60))))
                .isEqualTo(new Problem.AccountLocked(NOW.plusSeconds(60)));
        assertThat(policy.refusal(SuccessfulLogin.notFound())).isInstanceOf(Problem.InvalidCredentials.class);
        assertThatThrownBy(() -> policy.refusal(SuccessfulLogin.recorded(UserRecords.aUser().build())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownName_isCountedPerTenant_withoutRegardToCaseOrBlanks_andHoldsNoName() {
        LockoutPolicy.UnknownName name = policy.unknownName(TenantId.DEFAULT, "Nobody@Example.com");

        assertThat(name.lock()).isEqualTo(policy.unknownName(TenantId.DEFAULT, "  nobody@example.com ").lock());
        assertThat(name.lock()).isNotEqualTo(policy.unknownName(TenantId.of("other"), "nobody@example.com").lock());
        assertThat(name.lock().value()).startsWith("login-unknown:").doesNotContainIgnoringCase("nobody");
        assertThat(name.failures(0)).isNotEqualTo(name.failures(1)).isNotEqualTo(name.lock()).isNotEqualTo(name.locks());
    }

    @Test
    void anUnknownName_locksLikeAnAccount_atTheThreshold_forTheLockDuration() {
        LockoutPolicy.UnknownName name = policy.unknownName(TenantId.DEFAULT, "nobody");
        Instant end = NOW.plus(LockoutPolicy.UNKNOWN_NAME_MEMORY);

        assertThat(name.failuresLimit()).isEqualTo(WindowLimit.of(5, LockoutPolicy.UNKNOWN_NAME_MEMORY));
        assertThat(name.lockLimit()).isEqualTo(WindowLimit.of(1, Duration.ofHours(1)));
        assertThat(name.belowThreshold(Acquisition.granted(4, end))).isTrue();
        assertThat(name.belowThreshold(Acquisition.granted(5, end))).as("the failure that reaches the threshold").isFalse();
        assertThat(name.belowThreshold(Acquisition.refused(5, end))).isFalse();
    }
}
