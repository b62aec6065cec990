package dev.tollgate.port.spi.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DayRangeTest {

    private static final LocalDate DAY = LocalDate.of(2026, 5, 3);

    @Test
    void aRange_includesBothEnds() {
        DayRange range = DayRange.of(DAY, DAY.plusDays(2));

        assertThat(range.contains(DAY)).isTrue();
        assertThat(range.contains(DAY.plusDays(2))).isTrue();
        assertThat(range.contains(DAY.minusDays(1))).isFalse();
        assertThat(range.contains(DAY.plusDays(3))).isFalse();
        assertThat(DayRange.of(DAY, DAY).contains(DAY)).isTrue();
    }

    @Test
    void fromAfterTo_andNulls_areRefused() {
        assertThatThrownBy(() -> DayRange.of(DAY, DAY.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DayRange.of(null, DAY)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DayRange.of(DAY, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theUsageDaysOfARange_clampItToTheYearsOneTo9999() {
        assertThat(DayRange.of(LocalDate.MIN, LocalDate.MAX).ofUsageDays())
                .contains(DayRange.of(UsageDay.FIRST, UsageDay.LAST));
        assertThat(DayRange.of(DAY, DAY).ofUsageDays()).contains(DayRange.of(DAY, DAY));
        assertThat(DayRange.of(LocalDate.of(10_000, 1, 1), LocalDate.MAX).ofUsageDays()).isEmpty();
        assertThat(DayRange.of(LocalDate.MIN, LocalDate.of(0, 12, 31)).ofUsageDays()).isEmpty();
    }
}
