package dev.tollgate.port.spi.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutRuleTest {

    @Test
    void aLockSetNow_endsTheLockDurationLater() {
        Instant now = Instant.parse("2026-01-01T10:00:00.123Z");

        assertThat(new LockoutRule(5, Duration.ofHours(1)).lockUntil(now)).isEqualTo(Instant.parse("2026-01-01T11:00:00.123Z"));
    }

    @Test
    void aThresholdBelowOne_andANonPositiveOrMissingDuration_areRefused() {
        assertThatThrownBy(() -> new LockoutRule(0, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutRule(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutRule(1, Duration.ofMinutes(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockoutRule(1, null)).isInstanceOf(NullPointerException.class);
        assertThat(new LockoutRule(1, Duration.ofMillis(1)).threshold()).isEqualTo(1);
    }
}
