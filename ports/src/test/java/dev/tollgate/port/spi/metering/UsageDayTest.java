package dev.tollgate.port.spi.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UsageDayTest {

    @Test
    void theDayOfAnInstant_isItsDayInTheZone() {
        Instant lateEvening = Instant.parse("2026-03-10T23:30:00Z");

        assertThat(UsageDay.of(lateEvening, ZoneOffset.UTC).value()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(UsageDay.of(lateEvening, ZoneId.of("Europe/Berlin")).value()).isEqualTo(LocalDate.of(2026, 3, 11));
        assertThat(UsageDay.of(lateEvening, ZoneOffset.UTC)).hasToString("2026-03-10");
    }

    @Test
    void theFirstAndLastDaysOfTheYearsOneTo9999_areUsageDays() {
        assertThat(new UsageDay(UsageDay.FIRST).value()).isEqualTo(LocalDate.of(1, 1, 1));
        assertThat(new UsageDay(UsageDay.LAST).value()).isEqualTo(LocalDate.of(9999, 12, 31));
        assertThat(UsageDay.of(Instant.parse("9999-12-31T23:59:59.999Z"), ZoneOffset.UTC).value()).isEqualTo(UsageDay.LAST);
    }

    @Test
    void daysBeyondThoseYears_areRefused_alsoWhereNoLocalDateReaches() {
        assertThatThrownBy(() -> new UsageDay(LocalDate.of(10_000, 1, 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UsageDay(LocalDate.of(0, 12, 31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageDay.of(Instant.parse("9999-12-31T23:30:00Z"), ZoneId.of("Europe/Berlin")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UsageDay.of(Instant.MAX, ZoneId.of("Europe/Berlin")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nulls_areRefused() {
        assertThatThrownBy(() -> new UsageDay(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> UsageDay.of(null, ZoneOffset.UTC)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> UsageDay.of(Instant.EPOCH, null)).isInstanceOf(NullPointerException.class);
    }
}
