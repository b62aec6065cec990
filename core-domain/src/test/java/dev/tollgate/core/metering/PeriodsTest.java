package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.settings.Plan;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PeriodsTest {

    @Test
    void days_startAtMidnightInTheConfiguredZone() {
        Periods berlin = new Periods(ZoneId.of("Europe/Berlin"));
        Instant lateEvening = Instant.parse("2026-03-10T22:30:00Z"); // 23:30 in Berlin

        assertThat(berlin.start(Plan.Period.DAILY, lateEvening)).isEqualTo(Instant.parse("2026-03-09T23:00:00Z"));
        assertThat(berlin.next(Plan.Period.DAILY, lateEvening)).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
        assertThat(berlin.start(Plan.Period.DAILY, Instant.parse("2026-03-10T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
    }

    @Test
    void aDayOfADaylightSavingChange_hasItsRealLength() {
        Periods berlin = new Periods(ZoneId.of("Europe/Berlin"));
        Instant duringTheShortDay = Instant.parse("2026-03-29T12:00:00Z");

        Instant start = berlin.start(Plan.Period.DAILY, duringTheShortDay);
        Instant end = berlin.next(Plan.Period.DAILY, duringTheShortDay);

        assertThat(start).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(end).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void months_startOnTheFirst_andTheNextStartsOnTheNextFirst() {
        Periods utc = new Periods(ZoneId.of("UTC"));
        Instant lastDayOfFebruary = Instant.parse("2028-02-29T23:59:59Z");

        assertThat(utc.start(Plan.Period.MONTHLY, lastDayOfFebruary)).isEqualTo(Instant.parse("2028-02-01T00:00:00Z"));
        assertThat(utc.next(Plan.Period.MONTHLY, lastDayOfFebruary)).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }
}
