package dev.tollgate.tck.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowCounters.OpenWindow;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.CountedConsumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link MeterLedger#consumeCounted} with the window counters of the same
 * stores (verify-and-consume's count and take): whatever a store makes of it (the port's
 * default, two calls; the SQL stores, one transaction for concurrent calls together), it
 * behaves as {@link WindowCounters#tryAcquire} followed, only when the count is granted, by
 * {@link MeterLedger#consume}, exactly, also under concurrency, and on first uses of counters and
 * balances.
 */
public abstract class CountedConsumptionContract {

    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00.250Z");
    private static final Instant P1 = Instant.parse("2025-05-01T00:00:00.250Z");
    private static final WindowLimit TEN_A_MINUTE = WindowLimit.of(10, Duration.ofMinutes(1));

    private MeterLedger ledger;
    private WindowCounters counters;
    private UserRef user;
    private MeterName meter;
    private CounterKey key;

    /** The ledger under test; called before each test. */
    protected abstract MeterLedger meterLedger();

    /** The window counters of the same stores as {@link #meterLedger()}. */
    protected abstract WindowCounters windowCounters();

    @BeforeEach
    void setUpCountedConsumption() {
        ledger = meterLedger();
        counters = windowCounters();
        user = Unique.user();
        meter = MeterName.of("requests-" + Unique.tag());
        key = CounterKey.of("key-rate:" + Unique.tag());
    }

    private CountedConsumption call(WindowLimit limit, Instant now, long cost, long allowance) {
        return ledger.consumeCounted(counters, key, limit, now, user, meter, cost, PeriodAllowance.of(P1, allowance));
    }

    @Test
    void aCountedCall_isCountedAndTakesItsCost() {
        CountedConsumption first = call(TEN_A_MINUTE, T0, 3, 100);

        assertThat(first.acquisition()).isEqualTo(Acquisition.granted(1, T0.plus(Duration.ofMinutes(1))));
        assertThat(first.consumption()).contains(Consumption.taken(new MeterBalance(P1, 97, 0)));
        assertThat(counters.current(key, T0)).contains(new OpenWindow(1, T0.plus(Duration.ofMinutes(1))));
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 100))).isEqualTo(new MeterBalance(P1, 97, 0));
    }

    @Test
    void aCallBeyondTheLimit_isRefusedAndTakesNothing() {
        for (int i = 0; i < 10; i++) {
            assertThat(call(TEN_A_MINUTE, T0.plusSeconds(i), 1, 100).consumption()).map(Consumption::isTaken)
                    .contains(true);
        }

        CountedConsumption beyond = call(TEN_A_MINUTE, T0.plusSeconds(30), 1, 100);

        assertThat(beyond.acquisition()).isEqualTo(Acquisition.refused(10, T0.plus(Duration.ofMinutes(1))));
        assertThat(beyond.consumption()).isEmpty();
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 100))).isEqualTo(new MeterBalance(P1, 90, 0));
        assertThat(call(TEN_A_MINUTE, T0.plus(Duration.ofMinutes(1)), 1, 100).acquisition())
                .as("the next window counts again").isEqualTo(Acquisition.granted(1, T0.plus(Duration.ofMinutes(2))));
    }

    @Test
    void aCallTheBalanceCannotPay_isStillCounted() {
        CountedConsumption unpaid = call(TEN_A_MINUTE, T0, 5, 4);

        assertThat(unpaid.acquisition().isGranted()).isTrue();
        assertThat(unpaid.consumption()).contains(Consumption.insufficient(new MeterBalance(P1, 4, 0)));
        assertThat(counters.current(key, T0)).map(OpenWindow::count).contains(1);
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 4))).isEqualTo(new MeterBalance(P1, 4, 0));
    }

    @Test
    void badArguments_areRefusedBeforeAnythingIsCounted() {
        assertThatThrownBy(() -> call(TEN_A_MINUTE, T0, 0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.consumeCounted(counters, key, TEN_A_MINUTE, T0, null, meter, 1,
                PeriodAllowance.of(P1, 100))).isInstanceOf(NullPointerException.class);

        assertThat(counters.current(key, T0)).isEmpty();
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 100))).isEqualTo(new MeterBalance(P1, 100, 0));
    }

    @Test
    void ofConcurrentCalls_exactlyTheLimitIsCounted_andExactlyTheCountedAreTaken() {
        WindowLimit forty = WindowLimit.of(40, Duration.ofMinutes(1));

        List<CountedConsumption> results = Race.run(i -> call(forty, T0, 1, 1000));

        assertThat(results).filteredOn(result -> result.acquisition().isGranted())
                .extracting(result -> result.acquisition().count())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
        assertThat(results).filteredOn(result -> result.consumption().isPresent())
                .allSatisfy(result -> assertThat(result.consumption().get().isTaken()).isTrue())
                .extracting(result -> result.consumption().get().balance().allowanceLeft())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(960, 1000).mapToObj(Long::valueOf).toList());
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 1000))).isEqualTo(new MeterBalance(P1, 960, 0));
    }

    @Test
    void ofConcurrentCalls_withTooLittleLeft_exactlyTheBalanceIsTaken_andEveryCallIsCounted() {
        WindowLimit plenty = WindowLimit.of(1000, Duration.ofMinutes(1));

        List<CountedConsumption> results = Race.run(i -> call(plenty, T0, 1, 30));

        assertThat(results).extracting(result -> result.acquisition().count()).doesNotHaveDuplicates()
                .allSatisfy(count -> assertThat(count).isPositive());
        assertThat(results).filteredOn(result -> result.consumption().map(Consumption::isTaken).orElse(false))
                .hasSize(30);
        assertThat(counters.current(key, T0)).map(OpenWindow::count).contains(results.size());
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 30))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void concurrentFirstCallsOfManyKeysAndBalances_areEachCountedAndTakenOnce() {
        List<UserRef> users = IntStream.range(0, 8).mapToObj(i -> Unique.user()).toList();
        List<CounterKey> keys = IntStream.range(0, 8).mapToObj(i -> CounterKey.of("key-rate:" + Unique.tag())).toList();

        List<CountedConsumption> results = Race.run(i -> ledger.consumeCounted(counters, keys.get(i % 8), TEN_A_MINUTE,
                T0, users.get(i % 8), meter, 1, PeriodAllowance.of(P1, 100)));

        for (int k = 0; k < 8; k++) {
            int racersOfKey = Race.THREADS / 8 + (k < Race.THREADS % 8 ? 1 : 0);
            int expectedCounted = Math.min(racersOfKey, 10);
            assertThat(counters.current(keys.get(k), T0)).map(OpenWindow::count).contains(expectedCounted);
            assertThat(ledger.balance(users.get(k), meter, PeriodAllowance.of(P1, 100)))
                    .isEqualTo(new MeterBalance(P1, 100 - expectedCounted, 0));
        }
        assertThat(results).hasSize(Race.THREADS).filteredOn(result -> result.consumption().isEmpty())
                .allSatisfy(result -> assertThat(result.acquisition().isGranted()).isFalse());
    }
}
