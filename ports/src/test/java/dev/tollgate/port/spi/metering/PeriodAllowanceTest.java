package dev.tollgate.port.spi.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodAllowanceTest {

    private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");

    @Test
    void anAllowance_isWhatThePeriodFromItsStartAllows_zeroIncluded() {
        assertThat(PeriodAllowance.of(START, 10)).isEqualTo(new PeriodAllowance(START, 10));
        assertThat(PeriodAllowance.of(START, 0).amount()).isZero();
    }

    @Test
    void aNegativeAmount_andNoStart_areRefused() {
        assertThatThrownBy(() -> PeriodAllowance.of(START, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeriodAllowance.of(null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aMeterNeverUsed_hasTheWholeAllowanceLeft_andNoTopUp() {
        assertThat(PeriodAllowance.of(START, 25).unused()).isEqualTo(new MeterBalance(START, 25, 0));
    }
}
