package dev.tollgate.core.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.settings.Plan;
import dev.tollgate.port.settings.ServiceLevel;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowancePolicyTest {

    private static final Plan PLAN = new Plan("basic", Map.of(
            "credits", new Plan.Allowance(100, Plan.Period.DAILY),
            "exports", new Plan.Allowance(5, Plan.Period.MONTHLY)),
            Set.of(), ServiceLevel.MEDIUM, new Plan.RateLimit(60, Duration.ofMinutes(1)));

    private final AllowancePolicy utc = new AllowancePolicy(ZoneId.of("UTC"));

    @Test
    void days_startAtMidnightInTheConfiguredZone() {
        AllowancePolicy berlin = new AllowancePolicy(ZoneId.of("Europe/Berlin"));
        Instant lateEvening = Instant.parse("2026-03-10T22:30:00Z"); // 23:30 in Berlin

        assertThat(berlin.periodStart(Plan.Period.DAILY, lateEvening)).isEqualTo(Instant.parse("2026-03-09T23:00:00Z"));
        assertThat(berlin.nextReset(Plan.Period.DAILY, lateEvening)).isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
        assertThat(berlin.periodStart(Plan.Period.DAILY, Instant.parse("2026-03-10T23:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-10T23:00:00Z"));
    }

    @Test
    void aDayOfADaylightSavingChange_hasItsRealLength() {
        AllowancePolicy berlin = new AllowancePolicy(ZoneId.of("Europe/Berlin"));
        Instant duringTheShortDay = Instant.parse("2026-03-29T12:00:00Z");

        Instant start = berlin.periodStart(Plan.Period.DAILY, duringTheShortDay);
        Instant end = berlin.nextReset(Plan.Period.DAILY, duringTheShortDay);

        assertThat(start).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(end).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void months_startOnTheFirst_andTheNextStartsOnTheNextFirst() {
        Instant lastDayOfFebruary = Instant.parse("2028-02-29T23:59:59Z");

        assertThat(utc.periodStart(Plan.Period.MONTHLY, lastDayOfFebruary)).isEqualTo(Instant.parse("2028-02-01T00:00:00Z"));
        assertThat(utc.nextReset(Plan.Period.MONTHLY, lastDayOfFebruary)).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
    }

    @Test
    void aMeterOfThePlan_allowsThePlansAmount_perThePlansPeriod() {
        assertThat(utc.allowance(PLAN, Map.of(), "credits")).isEqualTo(new Plan.Allowance(100, Plan.Period.DAILY));
        assertThat(utc.allowance(PLAN, Map.of(), "exports")).isEqualTo(new Plan.Allowance(5, Plan.Period.MONTHLY));
    }

    @Test
    void anOverride_replacesTheAmount_butNotThePeriod() {
        Map<String, Long> overrides = Map.of("exports", 50L, "credits", 0L);

        assertThat(utc.allowance(PLAN, overrides, "exports")).isEqualTo(new Plan.Allowance(50, Plan.Period.MONTHLY));
        assertThat(utc.allowance(PLAN, overrides, "credits")).isEqualTo(new Plan.Allowance(0, Plan.Period.DAILY));
    }

    @Test
    void aMeterThePlanLacks_allowsNothing_soOnlyTopUpsPay() {
        assertThat(utc.allowance(PLAN, Map.of(), "conversation_limit")).isEqualTo(new Plan.Allowance(0, Plan.Period.DAILY));
        assertThat(utc.allowance(PLAN, Map.of("conversation_limit", 7L), "conversation_limit"))
                .isEqualTo(new Plan.Allowance(7, Plan.Period.DAILY));
    }

    @Test
    void theAllowanceInForce_isTheAmountFromTheStartOfThePeriodContainingNow() {
        Instant now = Instant.parse("2026-07-15T13:45:00Z");

        assertThat(utc.inForce(new Plan.Allowance(100, Plan.Period.DAILY), now))
                .isEqualTo(PeriodAllowance.of(Instant.parse("2026-07-15T00:00:00Z"), 100));
        assertThat(utc.inForce(new Plan.Allowance(5, Plan.Period.MONTHLY), now))
                .isEqualTo(PeriodAllowance.of(Instant.parse("2026-07-01T00:00:00Z"), 5));
    }

    @Test
    void theAllowanceInForce_changesItsPeriod_atTheReset_soTheLedgerStartsAfresh() {
        Plan.Allowance daily = new Plan.Allowance(100, Plan.Period.DAILY);
        Instant beforeMidnight = Instant.parse("2026-07-15T23:59:59.999Z");
        Instant reset = utc.nextReset(Plan.Period.DAILY, beforeMidnight);

        assertThat(utc.inForce(daily, beforeMidnight).periodStart()).isBefore(utc.inForce(daily, reset).periodStart());
        assertThat(utc.inForce(daily, reset).periodStart()).isEqualTo(reset);
    }
}
