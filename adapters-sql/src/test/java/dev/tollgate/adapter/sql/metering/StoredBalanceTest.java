package dev.tollgate.adapter.sql.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arithmetic a batch of consumptions decides with; the ledger contract proves it agrees with the memory store. */
class StoredBalanceTest {

    private static final Instant P1 = Instant.parse("2025-05-01T00:00:00Z");
    private static final Instant P2 = Instant.parse("2025-06-01T00:00:00Z");

    private static PeriodAllowance allowance(Instant periodStart, long amount) {
        return PeriodAllowance.of(periodStart, amount);
    }

    @Test
    void aFreshRow_hasTheWholeAllowance_andNoTopUp() {
        StoredBalance fresh = StoredBalance.fresh(allowance(P1, 10));

        assertThat(fresh).isEqualTo(new StoredBalance(P1, 0L, 10, 0));
        assertThat(fresh.balance(allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
    }

    @Test
    void aTake_comesFromTheAllowanceFirst_thenTheTopUp_keepingWhatIsLeftOfTheAllowance() {
        StoredBalance row = new StoredBalance(P1, 6L, 4, 20);

        assertThat(row.take(3, allowance(P1, 10))).contains(new StoredBalance(P1, 9L, 1, 20));
        assertThat(row.take(7, allowance(P1, 10))).contains(new StoredBalance(P1, 10L, 0, 17));
        assertThat(row.take(24, allowance(P1, 10))).contains(new StoredBalance(P1, 10L, 0, 0));
    }

    @Test
    void aTakeBeyondAllowanceAndTopUp_isRefused() {
        StoredBalance row = new StoredBalance(P1, 6L, 4, 20);

        assertThat(row.take(25, allowance(P1, 10))).isEmpty();
        assertThat(new StoredBalance(P1, 0L, 0, Long.MAX_VALUE).take(Long.MAX_VALUE, allowance(P1, 0)))
                .as("no overflow at the edge").contains(new StoredBalance(P1, 0L, 0, 0));
        assertThat(new StoredBalance(P1, 0L, 5, 1).take(Long.MAX_VALUE, allowance(P1, 5))).isEmpty();
    }

    @Test
    void aNewerPeriod_countsNothingUsed_andStoresThatPeriod_keepingTheTopUp() {
        StoredBalance row = new StoredBalance(P1, 10L, 0, 5);

        assertThat(row.balance(allowance(P2, 10))).isEqualTo(new MeterBalance(P2, 10, 5));
        assertThat(row.take(12, allowance(P2, 10))).contains(new StoredBalance(P2, 10L, 0, 3));
    }

    @Test
    void theSameOrAnOlderPeriod_keepsTheRowsPeriodAndUse() {
        StoredBalance row = new StoredBalance(P2, 8L, 2, 0);

        assertThat(row.balance(allowance(P1, 10))).isEqualTo(new MeterBalance(P2, 2, 0));
        assertThat(row.take(1, allowance(P1, 10))).contains(new StoredBalance(P2, 9L, 1, 0));
    }

    @Test
    void whatIsLeft_followsTheAllowanceNamed_neverBelowZero() {
        StoredBalance row = new StoredBalance(P1, 80L, 20, 5);

        assertThat(row.balance(allowance(P1, 1000))).isEqualTo(new MeterBalance(P1, 920, 5));
        assertThat(row.balance(allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 5));
        assertThat(row.take(3, allowance(P1, 10))).contains(new StoredBalance(P1, 80L, 0, 2));
    }

    @Test
    void aRowFromBeforeSchema7_countsTheAllowanceLessWhatWasLeftAsUsed_andStoresThatUse() {
        StoredBalance legacy = new StoredBalance(P1, null, 30, 0);

        assertThat(legacy.balance(allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 30, 0));
        assertThat(legacy.balance(allowance(P1, 20))).as("what was left exceeds the allowance: nothing used")
                .isEqualTo(new MeterBalance(P1, 20, 0));
        assertThat(legacy.take(5, allowance(P1, 100))).contains(new StoredBalance(P1, 75L, 25, 0));
        assertThat(legacy.take(5, allowance(P2, 100))).as("a newer period resets it")
                .contains(new StoredBalance(P2, 5L, 95, 0));
    }
}
