package dev.tollgate.tck.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
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
 *   <li>Meter names up to {@link MeterLedger#MAX_METER_LENGTH} characters are compared in
 *       full; longer or empty names, a cost or amount below 1 and a negative allowance are
 *       refused with an {@link IllegalArgumentException}.</li>
 * </ul>
 */
public abstract class MeterLedgerContract {

    private static final Instant P1 = Instant.parse("2025-05-01T00:00:00.250Z");
    private static final Instant P2 = Instant.parse("2025-06-01T00:00:00.250Z");
    private static final Instant P3 = Instant.parse("2025-07-01T00:00:00.250Z");

    private MeterLedger ledger;
    private UserRef user;
    private String meter;

    /** The store under test; called before each test. */
    protected abstract MeterLedger meterLedger();

    @BeforeEach
    void setUpMeterLedger() {
        ledger = meterLedger();
        user = Unique.user();
        meter = "requests-" + Unique.tag();
    }

    @Test
    void aMeterNeverUsed_hasTheFullAllowance_andNoTopUp() {
        assertThat(ledger.balance(user, meter, P1, 100)).isEqualTo(new MeterBalance(P1, 100, 0));
    }

    @Test
    void theFirstConsumption_startsFromTheFullAllowance() {
        Consumption first = ledger.consume(user, meter, 7, P1, 100);

        assertThat(first).isEqualTo(new Consumption(true, new MeterBalance(P1, 93, 0)));
        assertThat(ledger.balance(user, meter, P1, 100)).isEqualTo(new MeterBalance(P1, 93, 0));
    }

    @Test
    void consume_takesTheAllowanceFirst_thenTheTopUp() {
        ledger.topUp(user, meter, 50, P1, 10);

        assertThat(ledger.consume(user, meter, 4, P1, 10)).isEqualTo(granted(P1, 6, 50));
        assertThat(ledger.consume(user, meter, 8, P1, 10)).isEqualTo(granted(P1, 0, 48));
        assertThat(ledger.consume(user, meter, 5, P1, 10)).isEqualTo(granted(P1, 0, 43));
    }

    @Test
    void aCostBeyondAllowanceAndTopUp_isRefused_andTakesNothing() {
        ledger.topUp(user, meter, 5, P1, 10);
        ledger.consume(user, meter, 3, P1, 10);

        Consumption refused = ledger.consume(user, meter, 13, P1, 10);

        assertThat(refused).isEqualTo(new Consumption(false, new MeterBalance(P1, 7, 5)));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 7, 5));
        assertThat(ledger.consume(user, meter, 12, P1, 10)).isEqualTo(granted(P1, 0, 0));
    }

    @Test
    void aCostOfExactlyEverythingLeft_isGranted_andLeavesZero() {
        ledger.topUp(user, meter, 3, P1, 4);

        assertThat(ledger.consume(user, meter, 7, P1, 4)).isEqualTo(granted(P1, 0, 0));
        assertThat(ledger.consume(user, meter, 1, P1, 4)).isEqualTo(new Consumption(false, new MeterBalance(P1, 0, 0)));
    }

    @Test
    void aFirstConsumptionBeyondTheAllowance_isRefused_showingTheFullAllowance() {
        assertThat(ledger.consume(user, meter, 11, P1, 10)).isEqualTo(new Consumption(false, new MeterBalance(P1, 10, 0)));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
    }

    @Test
    void aZeroAllowance_leavesOnlyTheTopUp() {
        assertThat(ledger.consume(user, meter, 1, P1, 0)).isEqualTo(new Consumption(false, new MeterBalance(P1, 0, 0)));
        ledger.topUp(user, meter, 2, P1, 0);

        assertThat(ledger.consume(user, meter, 2, P1, 0)).isEqualTo(granted(P1, 0, 0));
    }

    @Test
    void aNewerPeriod_resetsTheAllowance_andKeepsTheTopUp() {
        ledger.topUp(user, meter, 20, P1, 10);
        ledger.consume(user, meter, 15, P1, 10);

        assertThat(ledger.balance(user, meter, P2, 10)).isEqualTo(new MeterBalance(P2, 10, 15));
        assertThat(ledger.consume(user, meter, 1, P2, 10)).isEqualTo(granted(P2, 9, 15));
        assertThat(ledger.consume(user, meter, 12, P3, 10)).isEqualTo(granted(P3, 0, 13));
    }

    @Test
    void aNewerPeriod_takesTheAllowanceItNames() {
        ledger.consume(user, meter, 10, P1, 10);

        assertThat(ledger.consume(user, meter, 1, P2, 50)).isEqualTo(granted(P2, 49, 0));
    }

    @Test
    void aBiggerAllowanceWithinThePeriod_appliesAtOnce_andWhatWasUsedStaysUsed() {
        ledger.consume(user, meter, 2, P1, 10);

        assertThat(ledger.balance(user, meter, P1, 1000)).isEqualTo(new MeterBalance(P1, 998, 0));
        assertThat(ledger.consume(user, meter, 1, P1, 1000)).isEqualTo(granted(P1, 997, 0));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 7, 0));
    }

    @Test
    void aSmallerAllowanceThanWasUsed_leavesZero_andTheTopUpUntouched() {
        ledger.topUp(user, meter, 5, P1, 100);
        ledger.consume(user, meter, 80, P1, 100);

        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 5));
        assertThat(ledger.consume(user, meter, 6, P1, 10)).isEqualTo(new Consumption(false, new MeterBalance(P1, 0, 5)));
        assertThat(ledger.consume(user, meter, 3, P1, 10)).isEqualTo(granted(P1, 0, 2));
        assertThat(ledger.topUp(user, meter, 4, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 6));
    }

    @Test
    void aSmallerAllowance_thenTheBiggerOneAgain_remembersWhatWasUsed() {
        ledger.consume(user, meter, 80, P1, 100);
        ledger.topUp(user, meter, 5, P1, 10);
        ledger.consume(user, meter, 2, P1, 10);

        assertThat(ledger.balance(user, meter, P1, 100)).isEqualTo(new MeterBalance(P1, 20, 3));
        assertThat(ledger.consume(user, meter, 21, P1, 100)).isEqualTo(granted(P1, 0, 2));
    }

    @Test
    void aSmallerAllowance_withSomeLeft_leavesTheDifference() {
        ledger.consume(user, meter, 4, P1, 100);

        assertThat(ledger.consume(user, meter, 1, P1, 10)).isEqualTo(granted(P1, 5, 0));
        assertThat(ledger.balance(user, meter, P1, 5)).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void aNewPeriodAfterAnAllowanceChange_startsWithTheWholeNewAllowance() {
        ledger.topUp(user, meter, 3, P1, 100);
        ledger.consume(user, meter, 80, P1, 100);
        ledger.consume(user, meter, 1, P1, 10);

        assertThat(ledger.balance(user, meter, P2, 10)).isEqualTo(new MeterBalance(P2, 10, 2));
        assertThat(ledger.consume(user, meter, 4, P2, 10)).isEqualTo(granted(P2, 6, 2));
        assertThat(ledger.balance(user, meter, P2, 100)).isEqualTo(new MeterBalance(P2, 96, 2));
    }

    @Test
    void theSamePeriodAgain_orAnOlderOne_doesNotReset() {
        ledger.consume(user, meter, 8, P2, 10);

        assertThat(ledger.consume(user, meter, 1, P2, 10)).isEqualTo(granted(P2, 1, 0));
        assertThat(ledger.consume(user, meter, 1, P1, 10)).isEqualTo(granted(P2, 0, 0));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P2, 0, 0));
        assertThat(ledger.consume(user, meter, 1, P1, 10)).isEqualTo(new Consumption(false, new MeterBalance(P2, 0, 0)));
    }

    @Test
    void balance_showsAResetItDoesNotStore() {
        ledger.consume(user, meter, 10, P1, 10);

        assertThat(ledger.balance(user, meter, P2, 10)).isEqualTo(new MeterBalance(P2, 10, 0));

        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.consume(user, meter, 1, P1, 10)).isEqualTo(new Consumption(false, new MeterBalance(P1, 0, 0)));
    }

    @Test
    void balance_changesNothing() {
        ledger.consume(user, meter, 3, P1, 10);

        for (int i = 0; i < 3; i++) {
            assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 7, 0));
        }
        assertThat(ledger.consume(user, meter, 7, P1, 10)).isEqualTo(granted(P1, 0, 0));
    }

    @Test
    void aRefusalInANewerPeriod_showsTheResetButStoresNothing() {
        ledger.consume(user, meter, 9, P1, 10);

        assertThat(ledger.consume(user, meter, 11, P2, 10)).isEqualTo(new Consumption(false, new MeterBalance(P2, 10, 0)));

        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 1, 0));
    }

    @Test
    void topUp_addsToTheTopUp_andAnswersTheBalanceAfterIt() {
        assertThat(ledger.topUp(user, meter, 25, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 25));
        ledger.consume(user, meter, 12, P1, 10);

        assertThat(ledger.topUp(user, meter, 5, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 28));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 28));
    }

    @Test
    void topUp_inANewerPeriod_resetsTheAllowanceToo() {
        ledger.consume(user, meter, 10, P1, 10);

        assertThat(ledger.topUp(user, meter, 1, P2, 10)).isEqualTo(new MeterBalance(P2, 10, 1));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P2, 10, 1));
    }

    @Test
    void meters_usersAndTenants_areIndependent() {
        String other = "requests-" + Unique.tag();
        UserRef sameIdElsewhere = UserRef.of(Unique.tenant(), user.id());
        ledger.consume(user, meter, 10, P1, 10);
        ledger.topUp(user, meter, 3, P1, 10);

        assertThat(ledger.balance(user, other, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(Unique.user(), meter, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(sameIdElsewhere, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.consume(user, other, 10, P1, 10)).isEqualTo(granted(P1, 0, 0));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 3));
    }

    @Test
    void meterNames_upToTheLongestAccepted_areComparedInFull() {
        String longest = meter + "x".repeat(MeterLedger.MAX_METER_LENGTH - meter.length());
        String shorter = longest.substring(0, MeterLedger.MAX_METER_LENGTH - 1);
        ledger.consume(user, longest, 10, P1, 10);

        assertThat(ledger.balance(user, longest, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.balance(user, shorter, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
    }

    @Test
    void badArguments_areRefused() {
        String tooLong = "m".repeat(MeterLedger.MAX_METER_LENGTH + 1);

        assertThatThrownBy(() -> ledger.consume(user, meter, 0, P1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.consume(user, meter, 1, P1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.consume(user, tooLong, 1, P1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.consume(user, "", 1, P1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.topUp(user, meter, 0, P1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.topUp(user, tooLong, 1, P1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.balance(user, meter, P1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
    }

    @Test
    void deleteAll_removesEveryMeterOfTheUser_andNoOneElses() {
        UserRef someoneElse = Unique.user();
        ledger.consume(user, meter, 5, P1, 10);
        ledger.topUp(user, meter + "-b", 5, P1, 10);
        ledger.consume(someoneElse, meter, 5, P1, 10);

        assertThat(ledger.deleteAll(user)).isEqualTo(2);

        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(user, meter + "-b", P1, 10)).isEqualTo(new MeterBalance(P1, 10, 0));
        assertThat(ledger.balance(someoneElse, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 5, 0));
        assertThat(ledger.deleteAll(user)).isZero();
    }

    @Test
    void ofConcurrentConsumptions_exactlyTheBalanceIsGranted_eachSeeingItsOwnRemainder() {
        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, P1, 30));

        List<Consumption> granted = results.stream().filter(Consumption::granted).toList();
        assertThat(granted).hasSize(30);
        assertThat(granted).extracting(consumption -> consumption.balance().total())
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 30).boxed().toList());
        assertThat(ledger.balance(user, meter, P1, 30)).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void ofConcurrentConsumptionsOfSeveralUnits_noneTakesMoreThanIsLeft() {
        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 3, P1, 100));

        assertThat(results).filteredOn(Consumption::granted).hasSize(33);
        assertThat(ledger.balance(user, meter, P1, 100)).isEqualTo(new MeterBalance(P1, 1, 0));
    }

    @Test
    void concurrentTopUpsAndConsumptions_loseNoUpdate() {
        ledger.topUp(user, meter, 25, P1, 0);

        List<Consumption> results = Race.run(i -> i % 2 == 0
                ? new Consumption(true, ledger.topUp(user, meter, 2, P1, 0))
                : ledger.consume(user, meter, 1, P1, 0));

        long consumed = IntStream.range(0, results.size())
                .filter(i -> i % 2 == 1 && results.get(i).granted()).count();
        assertThat(consumed).isEqualTo(Race.THREADS / 2);
        MeterBalance after = ledger.balance(user, meter, P1, 0);
        assertThat(consumed + after.total()).isEqualTo(25 + 2L * (Race.THREADS / 2));
        assertThat(after).isEqualTo(new MeterBalance(P1, 0, 50));
    }

    @Test
    void ofConcurrentConsumptionsInANewPeriod_theAllowanceResetsOnce() {
        ledger.topUp(user, meter, 10, P1, 20);
        ledger.consume(user, meter, 20, P1, 20);

        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, P2, 20));

        assertThat(results).filteredOn(Consumption::granted).hasSize(30);
        assertThat(results).filteredOn(consumption -> !consumption.granted())
                .allSatisfy(refused -> assertThat(refused.balance()).isEqualTo(new MeterBalance(P2, 0, 0)));
        assertThat(ledger.balance(user, meter, P1, 20)).isEqualTo(new MeterBalance(P2, 0, 0));
    }

    @Test
    void ofConcurrentConsumptionsAfterABiggerAllowance_exactlyTheNewRemainderIsGranted() {
        ledger.consume(user, meter, 8, P1, 10);

        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, P1, 8 + Race.THREADS / 2));

        assertThat(results).filteredOn(Consumption::granted).hasSize(Race.THREADS / 2);
        assertThat(results).filteredOn(Consumption::granted)
                .extracting(consumption -> consumption.balance().allowanceLeft())
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, Race.THREADS / 2).boxed().toList());
        assertThat(ledger.balance(user, meter, P1, 8 + Race.THREADS / 2)).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void ofConcurrentConsumptionsAfterASmallerAllowance_onlyWhatIsLeftAndTheTopUpAreGranted() {
        ledger.consume(user, meter, 5, P1, 100);
        ledger.topUp(user, meter, 4, P1, 100);

        List<Consumption> results = Race.run(i -> ledger.consume(user, meter, 1, P1, 10));

        assertThat(results).filteredOn(Consumption::granted).hasSize(9);
        assertThat(ledger.balance(user, meter, P1, 10)).isEqualTo(new MeterBalance(P1, 0, 0));
        assertThat(ledger.balance(user, meter, P1, 100)).isEqualTo(new MeterBalance(P1, 90, 0));
    }

    private static Consumption granted(Instant periodStart, long allowanceLeft, long topUpLeft) {
        return new Consumption(true, new MeterBalance(periodStart, allowanceLeft, topUpLeft));
    }

    @Test
    void givenRecordOfTenantA_tenantB_neitherSeesNorChangesIt() {
        ledger.consume(user, meter, 30, P1, 100);
        ledger.topUp(user, meter, 5, P1, 100);
        UserRef aThroughB = UserRef.of(Unique.tenant(), user.id());

        assertThat(ledger.balance(aThroughB, meter, P1, 100)).as("tenant B, same user id and meter")
                .isEqualTo(new MeterBalance(P1, 100, 0));
        assertThat(ledger.consume(aThroughB, meter, 100, P1, 100).granted()).isTrue();
        assertThat(ledger.consume(aThroughB, meter, 1, P1, 100).granted()).as("tenant B's own balance is spent").isFalse();
        ledger.topUp(aThroughB, meter, 9, P1, 100);
        assertThat(ledger.deleteAll(aThroughB)).isEqualTo(1);

        assertThat(ledger.balance(user, meter, P1, 100)).isEqualTo(new MeterBalance(P1, 70, 5));
    }
}
