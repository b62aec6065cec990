package dev.tollgate.port.spi.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowLimitTest {

    @Test
    void aLimit_isAtLeastOneCall_inAPositiveWindow() {
        assertThat(WindowLimit.of(1, Duration.ofMillis(1))).isEqualTo(new WindowLimit(1, Duration.ofMillis(1)));
        assertThat(WindowLimit.of(3, Duration.ofDays(1)).limit()).isEqualTo(3);
    }

    @Test
    void noCalls_anEmptyOrNegativeWindow_andNoWindow_areRefused() {
        assertThatThrownBy(() -> WindowLimit.of(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowLimit.of(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowLimit.of(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowLimit.of(1, null)).isInstanceOf(NullPointerException.class);
    }
}
