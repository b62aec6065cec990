package dev.tollgate.tck.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MeterLedger}. Extend it with a factory for your store; every test uses
 * fresh users and meters, so one database may serve all of them. Period starts keep at least
 * milliseconds.
 *
 * <p>Beyond the Javadoc of {@link MeterLedger}, the contract pins these readings:
 * <ul>
 *   <li>The effective balance as of a period start {@code P} and an allowance {@code A}: with
 *       nothing stored, {@code P}, all of {@code A} and no top-up; with a stored period start
 *       older than {@code P}, {@code P}, all of {@code A} and the stored top-up; otherwise (the
 *       same or a newer stored period start) the stored period start and top-up, and
 *       {@code max(0, A - used)} left of the allowance, where {@code used} is what was taken from
 *       the allowance since the stored period began. So an allowance named within a period
 *       applies at once: bigger, what was used stays used; smaller, what is left drops, never
 *       below 0, and the use is remembered for when it grows again.</li>
 *   <li>{@code balance} computes that effective balance and never writes: a reset it shows is
 *       not stored, and a later call naming the older period still finds the older
 *       balance.</li>
 *   <li>A refused {@code consume} answers the effective balance and stores no reset; a
 *       granted one and every {@code topUp} store the effective balance they worked on.</li>
 *   <li>Meter names up to {@link MeterName#MAX_LENGTH} characters are compared in full; a cost
 *       or amount below 1 is refused with an {@link IllegalArgumentException}, and a null
 *       argument with a {@link NullPointerException}, storing nothing. (Longer or empty names
 *       and negative allowances cannot reach a store: {@link MeterName} and
 *       {@link PeriodAllowance} refuse to be made of them.)</li>
 * </ul>
 */
public abstract class MeterLedgerContract {

    private static final Instant P1 = Instant.parse("2025-05-01T00:00:00.250Z");
    private static final Instant P2 = Instant.parse("2025-06-01T00:00:00.250Z");
    private static final Instant P3 = Instant.parse("2025-07-01T00:00:00.250Z");

    private MeterLedger ledger;
    private UserRef user;
    private MeterName meter;

    /** The store under test; called before each test. */
    protected abstract MeterLedger meterLedger();

    @BeforeEach
    void setUpMeterLedger() {
        ledger = meterLedger();
        user = Unique.user();
        meter = MeterName.of("requests-" + Unique.tag());
    }

    private static PeriodAllowance allowance(Instant periodStart, long amount) {
        return PeriodAllowance.of(periodStart, amount);
    }

    @Test
    void aMeterNeverUsed_hasTheFullAllowance_andNoTopUp() {
        assertThat(ledger.balance(user, meter, allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 100, 0));
    }

    @Test
    void theFirstConsumption_startsFromTheFullAllowance() {
        Consumption first = ledger.consume(user, meter, 7, allowance(P1, 100));

        assertThat(first).isEqualTo(Consumption.taken(new MeterBalance(P1, 93, 0)));
        assertThat(ledger.balance(user, meter, allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 93, 0));
    }

    @Test
    void consume_takesTheAllowanceFirst_thenTheTopUp() {
        ledger.topUp(user, meter, 50, allowance(P1, 10));

        assertThat(ledger.consume(user, meter, 4, allowance(P1, 10))).isEqualTo(granted(P1, 6, 50));
        assertThat(ledger.consume(user, meter, 8, allowance(P1, 10))).isEqualTo(granted(P1, 0, 48));
        assertThat(ledger.consume(user, meter, 5, allowance(P1, 10))).isEqualTo(granted(P1, 0, 43));
    }

    @Test
    void aCostBeyondAllowanceAndTopUp_isRefused_andTakesNothing() {
        ledger.topUp(user, meter, 5, allowance(P1, 10));
        ledger.consume(user, meter, 3, allowance(P1, 10));

        Consumption refused = ledger.consume(user, meter, 13, allowance(P1, 10));

        assertThat(refused).isEqualTo(Consumption.insufficient(new MeterBalance(P1, 7, 5)));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 7, 5));
        assertThat(ledger.consume(user, meter, 12, allowance(P1, 10))).isEqualTo(granted(P1, 0, 0));
    }

    @Test
    void aCostOfExactlyEverythingLeft_isGranted_andLeavesZero() {
        ledger.topUp(user, meter, 3, allowance(P1, 4));

        assertThat(ledger.consume(user, meter, 7, allowance(P1, 4))).isEqualTo(granted(P1, 0, 0));
        assertThat(ledger.consume(user, meter, 1, allowance(P1, 4))).isEqualTo(Consumption.insufficient(new MeterBalance(P1, 0, 0)));
    }

    @Test
    void aFirstConsumptionBeyondTheAllowance_isRefused_showingTheFullAllowance() {
        assertThat(ledger.consume(user, meter, 11, allowance(P1, 10))).isEqualTo(Consumption.insufficient(new MeterBalance(P1, 10, 0)));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
    }

    @Test
    void aZeroAllowance_leavesOnlyTheTopUp() {
        assertThat(ledger.consume(user, meter, 1, allowance(P1, 0))).isEqualTo(Consumption.insufficient(new MeterBalance(P1, 0, 0)));
        ledger.topUp(user, meter, 2, allowance(P1, 0));

        assertThat(ledger.consume(user, meter, 2, allowance(P1, 0))).isEqualTo(granted(P1, 0, 0));
    }

    @Test
    void aNewerPeriod_resetsTheAllowance_andKeepsTheTopUp() {
        ledger.topUp(user, meter, 20, allowance(P1, 10));
        ledger.consume(user, meter, 15, allowance(P1, 10));

        assertThat(ledger.balance(user, meter, allowance(P2, 10))).isEqualTo(new MeterBalance(P2, 10, 15));
        assertThat(ledger.consume(user, meter, 1, allowance(P2, 10))).isEqualTo(granted(P2, 9, 15));
        assertThat(ledger.consume(user, meter, 12, allowance(P3, 10))).isEqualTo(granted(P3, 0, 13));
    }

    @Test
    void aNewerPeriod_takesTheAllowanceItNames() {
        ledger.consume(user, meter, 10, allowance(P1, 10));

        assertThat(ledger.consume(user, meter, 1, allowance(P2, 50))).isEqualTo(granted(P2, 49, 0));
    }

    @Test
    void aBiggerAllowanceWithinThePeriod_appliesAtOnce_andWhatWasUsedStaysUsed() {
        ledger.consume(user, meter, 2, allowance(P1, 10));

        assertThat(ledger.balance(user, meter, allowance(P1, 1000))).isEqualTo(new MeterBalance(P1, 998, 0));
        assertThat(ledger.consume(user, meter, 1, allowance(P1, 1000))).isEqualTo(granted(P1, 997, 0));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 7, 0));
    }

    @Test
    void aSmallerAllowanceThanWasUsed_leavesZero_andTheTopUpUntouched() {
        ledger.topUp(user, meter, 5, allowance(P1, 100));
        ledger.consume(user, meter, 80, allowance(P1, 100));

        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 5));
        assertThat(ledger.consume(user, meter, 6, allowance(P1, 10))).isEqualTo(Consumption.insufficient(new MeterBalance(P1, 0, 5)));
        assertThat(ledger.consume(user, meter, 3, allowance(P1, 10))).isEqualTo(granted(P1, 0, 2));
        assertThat(ledger.topUp(user, meter, 4, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 6));
    }

    @Test
    void aSmallerAllowance_thenTheBiggerOneAgain_remembersWhatWasUsed() {
        ledger.consume(user, meter, 80, allowance(P1, 100));
        ledger.topUp(user, meter, 5, allowance(P1, 10));
        ledger.consume(user, meter, 2, allowance(P1, 10));

        assertThat(ledger.balance(user, meter, allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 20, 3));
        assertThat(ledger.consume(user, meter, 21, allowance(P1, 100))).isEqualTo(granted(P1, 0, 2));
    }

    @Test
    void aSmallerAllowance_withSomeLeft_leavesTheDifference() {
        ledger.consume(user, meter, 4, allowance(P1, 100));

        assertThat(ledger.consume(user, meter, 1, allowance(P1, 10))).isEqualTo(granted(P1, 5, 0));
        assertThat(ledger.balance(user, meter, allowance(P1, 5))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void aNewPeriodAfterAnAllowanceChange_startsWithTheWholeNewAllowance() {
        ledger.topUp(user, meter, 3, allowance(P1, 100));
        ledger.consume(user, meter, 80, allowance(P1, 100));
        ledger.consume(user, meter, 1, allowance(P1, 10));

        assertThat(ledger.balance(user, meter, allowance(P2, 10))).isEqualTo(new MeterBalance(P2, 10, 2));
        assertThat(ledger.consume(user, meter, 4, allowance(P2, 10))).isEqualTo(granted(P2, 6, 2));
        assertThat(ledger.balance(user, meter, allowance(P2, 100))).isEqualTo(new MeterBalance(P2, 96, 2));
    }

    @Test
    void theSamePeriodAgain_orAnOlderOne_doesNotReset() {
        ledger.consume(user, meter, 8, allowance(P2, 10));

        assertThat(ledger.consume(user, meter, 1, allowance(P2, 10))).isEqualTo(granted(P2, 1, 0));
        assertThat(ledger.consume(user, meter, 1, allowance(P1, 10))).isEqualTo(granted(P2, 0, 0));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P2, 0, 0));
        assertThat(ledger.consume(user, meter, 1, allowance(P1, 10))).isEqualTo(Consumption.insufficient(new MeterBalance(P2, 0, 0)));
    }

    @Test
    void balance_showsAResetItDoesNotStore() {
        ledger.consume(user, meter, 10, allowance(P1, 10));

        assertThat(ledger.balance(user, meter, allowance(P2, 10))).isEqualTo(new MeterBalance(P2, 10, 0));

        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.consume(user, meter, 1, allowance(P1, 10))).isEqualTo(Consumption.insufficient(new MeterBalance(P1, 0, 0)));
    }

    @Test
    void balance_changesNothing() {
        ledger.consume(user, meter, 3, allowance(P1, 10));

        for (int i = 0; i < 3; i++) {
            assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 7, 0));
        }
        assertThat(ledger.consume(user, meter, 7, allowance(P1, 10))).isEqualTo(granted(P1, 0, 0));
    }

    @Test
    void aRefusalInANewerPeriod_showsTheResetButStoresNothing() {
        ledger.consume(user, meter, 9, allowance(P1, 10));

        assertThat(ledger.consume(user, meter, 11, allowance(P2, 10))).isEqualTo(Consumption.insufficient(new MeterBalance(P2, 10, 0)));

        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 1, 0));
    }

    @Test
    void topUp_addsToTheTopUp_andAnswersTheBalanceAfterIt() {
        assertThat(ledger.topUp(user, meter, 25, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 25));
        ledger.consume(user, meter, 12, allowance(P1, 10));

        assertThat(ledger.topUp(user, meter, 5, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 28));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 28));
    }

    @Test
    void topUp_inANewerPeriod_resetsTheAllowanceToo() {
        ledger.consume(user, meter, 10, allowance(P1, 10));

        assertThat(ledger.topUp(user, meter, 1, allowance(P2, 10))).isEqualTo(new MeterBalance(P2, 10, 1));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P2, 10, 1));
    }

    @Test
    void deductTopUp_takesFromTheTopUpOnly_leavingTheAllowance() {
        ledger.topUp(user, meter, 7, allowance(P1, 10));

        assertThat(ledger.deductTopUp(user, meter, 5, allowance(P1, 10))).isEqualTo(granted(P1, 10, 2));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 2));
    }

    @Test
    void deductTopUp_ofExactlyTheTopUp_leavesZero() {
        ledger.topUp(user, meter, 4, allowance(P1, 10));

        assertThat(ledger.deductTopUp(user, meter, 4, allowance(P1, 10))).isEqualTo(granted(P1, 10, 0));
    }

    @Test
    void deductTopUp_beyondTheTopUp_isRefused_evenWhenTheAllowanceCoversIt_andTakesNothing() {
        ledger.consume(user, meter, 3, allowance(P1, 10));
        ledger.topUp(user, meter, 2, allowance(P1, 10));

        Consumption refused = ledger.deductTopUp(user, meter, 3, allowance(P1, 10));

        assertThat(refused).isEqualTo(Consumption.insufficient(new MeterBalance(P1, 7, 2)));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 7, 2));
    }

    @Test
    void deductTopUp_ofAMeterNeverUsed_isRefused_showingTheFullAllowance() {
        assertThat(ledger.deductTopUp(user, meter, 1, allowance(P1, 10)))
                .isEqualTo(Consumption.insufficient(new MeterBalance(P1, 10, 0)));
        assertThatThrownBy(() -> ledger.deductTopUp(user, meter, 0, allowance(P1, 10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.deductTopUp(user, null, 1, allowance(P1, 10)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void deductTopUp_inANewerPeriod_keepsTheTopUpAndShowsTheReset() {
        ledger.topUp(user, meter, 6, allowance(P1, 10));
        ledger.consume(user, meter, 10, allowance(P1, 10));

        assertThat(ledger.deductTopUp(user, meter, 6, allowance(P2, 10))).isEqualTo(granted(P2, 10, 0));
    }

    @Test
    void ofConcurrentDeductions_neverMoreThanTheTopUpIsTaken() {
        ledger.topUp(user, meter, 20, allowance(P1, 100));

        List<Consumption> results = Race.run(i -> ledger.deductTopUp(user, meter, 3, allowance(P1, 100)));

        assertThat(results).filteredOn(Consumption::isTaken).hasSize(6);
        assertThat(results).filteredOn(Consumption::isTaken)
                .extracting(consumption -> consumption.balance().topUpLeft())
                .containsExactlyInAnyOrder(17L, 14L, 11L, 8L, 5L, 2L);
        assertThat(ledger.balance(user, meter, allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 100, 2));
    }

    @Test
    void meters_usersAndTenants_areIndependent() {
        MeterName other = MeterName.of("requests-" + Unique.tag());
        UserRef sameIdElsewhere = UserRef.of(Unique.tenant(), user.id());
        ledger.consume(user, meter, 10, allowance(P1, 10));
        ledger.topUp(user, meter, 3, allowance(P1, 10));

        assertThat(ledger.balance(user, other, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(Unique.user(), meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(sameIdElsewhere, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.consume(user, other, 10, allowance(P1, 10))).isEqualTo(granted(P1, 0, 0));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 3));
    }

    @Test
    void meterNames_upToTheLongestAccepted_areComparedInFull() {
        MeterName longest = MeterName.of(meter.value() + "x".repeat(MeterName.MAX_LENGTH - meter.value().length()));
        MeterName shorter = MeterName.of(longest.value().substring(0, MeterName.MAX_LENGTH - 1));
        ledger.consume(user, longest, 10, allowance(P1, 10));

        assertThat(ledger.balance(user, longest, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.balance(user, shorter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
    }

    @Test
    void badArguments_areRefused_andStoreNothing() {
        assertThatThrownBy(() -> ledger.consume(user, meter, 0, allowance(P1, 10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.consume(user, meter, -1, allowance(P1, 10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.topUp(user, meter, 0, allowance(P1, 10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.consume(null, meter, 1, allowance(P1, 10))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ledger.consume(user, null, 1, allowance(P1, 10))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ledger.consume(user, meter, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ledger.topUp(user, null, 1, allowance(P1, 10))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ledger.balance(user, meter, null)).isInstanceOf(NullPointerException.class);
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
    }

    @Test
    void deleteAll_removesEveryMeterOfTheUser_andNoOneElses() {
        UserRef someoneElse = Unique.user();
        MeterName other = MeterName.of(meter.value() + "-b");
        ledger.consume(user, meter, 5, allowance(P1, 10));
        ledger.topUp(user, other, 5, allowance(P1, 10));
        ledger.consume(someoneElse, meter, 5, allowance(P1, 10));

        assertThat(ledger.deleteAll(user)).isEqualTo(2);

        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(user, other, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(someoneElse, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 5, 0));
        assertThat(ledger.deleteAll(user)).isZero();
    }

    @Test
    void ofConcurrentConsumptions_exactlyTheBalanceIsGranted_eachSeeingItsOwnRemainder() {
        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, allowance(P1, 30)));

        List<Consumption> granted = results.stream().filter(Consumption::isTaken).toList();
        assertThat(granted).hasSize(30);
        assertThat(granted).extracting(consumption -> consumption.balance().total())
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 30).boxed().toList());
        assertThat(ledger.balance(user, meter, allowance(P1, 30))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void ofConcurrentConsumptionsOfSeveralUnits_noneTakesMoreThanIsLeft() {
        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 3, allowance(P1, 100)));

        assertThat(results).filteredOn(Consumption::isTaken).hasSize(33);
        assertThat(ledger.balance(user, meter, allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 1, 0));
    }

    @Test
    void concurrentTopUpsAndConsumptions_loseNoUpdate() {
        ledger.topUp(user, meter, 25, allowance(P1, 0));

        List<Consumption> results = Race.run(i -> i % 2 == 0
                ? Consumption.taken(ledger.topUp(user, meter, 2, allowance(P1, 0)))
                : ledger.consume(user, meter, 1, allowance(P1, 0)));

        long consumed = IntStream.range(0, results.size())
                .filter(i -> i % 2 == 1 && results.get(i).isTaken()).count();
        assertThat(consumed).isEqualTo(Race.THREADS / 2);
        MeterBalance after = ledger.balance(user, meter, allowance(P1, 0));
        assertThat(consumed + after.total()).isEqualTo(25 + 2L * (Race.THREADS / 2));
        assertThat(after).isEqualTo(new MeterBalance(P1, 0, 50));
    }

    @Test
    void ofConcurrentConsumptionsInANewPeriod_theAllowanceResetsOnce() {
        ledger.topUp(user, meter, 10, allowance(P1, 20));
        ledger.consume(user, meter, 20, allowance(P1, 20));

        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, allowance(P2, 20)));

        assertThat(results).filteredOn(Consumption::isTaken).hasSize(30);
        assertThat(results).filteredOn(consumption -> !consumption.isTaken())
                .allSatisfy(refused -> assertThat(refused.balance()).isEqualTo(new MeterBalance(P2, 0, 0)));
        assertThat(ledger.balance(user, meter, allowance(P1, 20))).isEqualTo(new MeterBalance(P2, 0, 0));
    }

    @Test
    void ofConcurrentConsumptionsAfterABiggerAllowance_exactlyTheNewRemainderIsGranted() {
        ledger.consume(user, meter, 8, allowance(P1, 10));

        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, allowance(P1, 8 + Race.THREADS / 2)));

        assertThat(results).filteredOn(Consumption::isTaken).hasSize(Race.THREADS / 2);
        assertThat(results).filteredOn(Consumption::isTaken)
                .extracting(consumption -> consumption.balance().allowanceLeft())
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, Race.THREADS / 2).boxed().toList());
        assertThat(ledger.balance(user, meter, allowance(P1, 8 + Race.THREADS / 2))).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void ofConcurrentConsumptionsAfterASmallerAllowance_onlyWhatIsLeftAndTheTopUpAreGranted() {
        ledger.consume(user, meter, 5, allowance(P1, 100));
        ledger.topUp(user, meter, 4, allowance(P1, 100));

        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, allowance(P1, 10)));

        assertThat(results).filteredOn(Consumption::isTaken).hasSize(9);
        assertThat(ledger.balance(user, meter, allowance(P1, 10))).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.balance(user, meter, allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 90, 0));
    }

    /** Racers in the larger races: more than a store's batch or pool is likely to hold at once. */
    private static final int MANY = 64;

    @Test
    void ofManyConcurrentConsumersOfMixedCosts_exactlyTheBalanceIsTaken_andEveryAnswerFitsOneOrderOfTakes() {
        ledger.topUp(user, meter, 100, allowance(P1, 200));

        List<List<Consumption>> answers = Race.run(MANY, i -> {
            long cost = 1 + i % 3;
            List<Consumption> mine = new ArrayList<>();
            Consumption last;
            do {
                last = ledger.consume(user, meter, cost, allowance(P1, 200));
                mine.add(last);
            } while (last.isTaken());
            return mine;
        });

        List<long[]> takes = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            long cost = 1 + i % 3;
            for (Consumption answer : answers.get(i)) {
                if (answer.isTaken()) {
                    takes.add(new long[] {answer.balance().total(), cost});
                } else {
                    assertThat(answer.balance().total()).as("a refusal shows too little for its cost").isLessThan(cost);
                }
            }
        }
        assertThat(takes.stream().mapToLong(take -> take[1]).sum()).as("granted costs").isEqualTo(300);
        // each take leaves the total the take before it left, less its own cost
        takes.sort((a, b) -> Long.compare(b[0], a[0]));
        long left = 300;
        for (long[] take : takes) {
            assertThat(take[0]).as("the balance after a take of %d", take[1]).isEqualTo(left - take[1]);
            left = take[0];
        }
        assertThat(ledger.balance(user, meter, allowance(P1, 200))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void ofConcurrentConsumersAcrossManyBalances_eachBalanceIsTakenExactly() {
        List<UserRef> users = IntStream.range(0, 8).mapToObj(i -> Unique.user()).toList();
        List<MeterName> meters = List.of(meter, MeterName.of(meter.value() + "-b"));
        for (UserRef each : users) {
            ledger.topUp(each, meters.get(1), 7, allowance(P1, 5));
        }

        List<Long> taken = Race.run(MANY, i -> {
            long sum = 0;
            // each racer walks every balance, starting at its own, so batches mix them in every order
            for (int step = 0; step < users.size() * meters.size(); step++) {
                int which = (i + step) % (users.size() * meters.size());
                for (int call = 0; call < 3; call++) {
                    if (ledger.consume(users.get(which / 2), meters.get(which % 2), 1, allowance(P1, 5)).isTaken()) {
                        sum++;
                    }
                }
            }
            return sum;
        });

        assertThat(taken.stream().mapToLong(Long::longValue).sum()).isEqualTo(users.size() * (5 + 5 + 7L));
        for (UserRef each : users) {
            assertThat(ledger.balance(each, meters.get(0), allowance(P1, 5))).isEqualTo(new MeterBalance(P1, 0, 0));
            assertThat(ledger.balance(each, meters.get(1), allowance(P1, 5))).isEqualTo(new MeterBalance(P1, 0, 0));
        }
    }

    @Test
    void consumptionsRacingTopUpsAndDeductions_loseNothing_andNeverOverdraw() {
        ledger.topUp(user, meter, 40, allowance(P1, 30));

        List<Long> changes = Race.run(MANY, i -> {
            long change = 0;
            for (int call = 0; call < 5; call++) {
                switch (i % 4) {
                    case 0 -> {
                        ledger.topUp(user, meter, 2, allowance(P1, 30));
                        change += 2;
                    }
                    case 1 -> change -= ledger.deductTopUp(user, meter, 3, allowance(P1, 30)).isTaken() ? 3 : 0;
                    default -> change -= ledger.consume(user, meter, 2, allowance(P1, 30)).isTaken() ? 2 : 0;
                }
            }
            return change;
        });

        long net = changes.stream().mapToLong(Long::longValue).sum();
        MeterBalance after = ledger.balance(user, meter, allowance(P1, 30));
        assertThat(after.total()).as("what is left is what was there, plus top-ups, less every take")
                .isEqualTo(70 + net);
    }

    private static Consumption granted(Instant periodStart, long allowanceLeft, long topUpLeft) {
        return Consumption.taken(new MeterBalance(periodStart, allowanceLeft, topUpLeft));
    }

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        ledger.consume(user, meter, 30, allowance(P1, 100));
        ledger.topUp(user, meter, 5, allowance(P1, 100));
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());

        assertThat(ledger.balance(aThroughB, meter, allowance(P1, 100))).as("tenant B, same user id and meter")
                .isEqualTo(new MeterBalance(P1, 100, 0));
        assertThat(ledger.consume(aThroughB, meter, 100, allowance(P1, 100)).isTaken()).isTrue();
        assertThat(ledger.consume(aThroughB, meter, 1, allowance(P1, 100)).isTaken()).as("tenant B's own balance is spent").isFalse();
        ledger.topUp(aThroughB, meter, 9, allowance(P1, 100));
        assertThat(ledger.deleteAll(aThroughB)).isEqualTo(1);

        assertThat(ledger.balance(user, meter, allowance(P1, 100))).isEqualTo(new MeterBalance(P1, 70, 5));
    }
}
