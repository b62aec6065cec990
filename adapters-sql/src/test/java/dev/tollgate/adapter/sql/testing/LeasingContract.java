package dev.tollgate.adapter.sql.testing;

import dev.tollgate.adapter.sql.BatchCounts;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.lease.LeaseSettings;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.Stores;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import dev.tollgate.tck.limit.WindowCountersContract;
import dev.tollgate.tck.metering.CountedConsumptionContract;
import dev.tollgate.tck.metering.MeterLedgerContract;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leasing stores of the SQL databases ({@link SqlDatabase#leasingStores}), the same on every
 * database: the kit's contracts of the ledger, the counters and counted consumptions (with
 * leases small enough that the kit's small balances and limits are leased, given back and
 * renewed all the time), and what leasing promises beyond them in one process: a busy balance
 * spent without a round trip per call, what is left of a lease given back when it expires and
 * when the stores close. A database's test extends it with its pool; the test of a database
 * several processes share adds {@link SeveralLeasingProcessesContract}.
 */
public abstract class LeasingContract {

    /** Leases of 2 to 16 calls taking half of what is left, given back after 200 ms. */
    public static final LeaseSettings SMALL = new LeaseSettings(Duration.ofMillis(200), Duration.ofMillis(200), 2, 2,
            16);
    protected static final Instant P1 = Instant.parse("2025-05-01T00:00:00Z");
    /** Racers of the renewal tests, each on a row of its own. */
    private static final int RENEWING = 32;

    private DataSource pool;
    protected CountingDataSource counting;
    protected SqlDatabase database;
    protected Stores leasing;

    /** A new pool over a fresh or shared database, as the store's own factory would configure it. */
    protected abstract DataSource openPool();

    /** The store over {@code dataSource}, migrated. */
    protected abstract SqlDatabase storesOver(DataSource dataSource);

    @BeforeEach
    void openLeasingStores() {
        pool = openPool();
        counting = new CountingDataSource(pool);
        database = storesOver(counting.dataSource());
        leasing = database.leasingStores(SMALL);
    }

    @AfterEach
    void closeLeasingStores() throws Exception {
        database.close();
        if (pool instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Nested
    class MeterLedgerTest extends MeterLedgerContract {
        @Override
        protected MeterLedger meterLedger() {
            return leasing.meters();
        }
    }

    @Nested
    class CountedConsumptionTest extends CountedConsumptionContract {
        @Override
        protected MeterLedger meterLedger() {
            return leasing.meters();
        }

        @Override
        protected WindowCounters windowCounters() {
            return leasing.counters();
        }
    }

    @Nested
    class WindowCountersTest extends WindowCountersContract {
        @Override
        protected WindowCounters windowCounters() {
            return leasing.counters();
        }
    }

    @Test
    void aBusyBalance_isSpentFromLeases_farFewerTransactionsThanCalls() {
        UserRef user = Unique.user();
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance allowance = PeriodAllowance.of(P1, 1_000_000);
        counting.reset();

        for (int i = 0; i < 200; i++) {
            assertThat(leasing.meters().consume(user, meter, 1, allowance).isTaken()).isTrue();
        }

        // leases of 2, 4, 8 and then 16 calls: about 15 transactions, not 200
        assertThat(counting.transactions()).isLessThan(40);
        assertThat(leasing.meters().balance(user, meter, allowance)).isEqualTo(new MeterBalance(P1, 999_800, 0));
    }

    @Test
    void aBusyCounter_isCountedFromLeases_andCountsEveryCall() {
        CounterKey key = CounterKey.of("test:" + Unique.tag());
        WindowLimit limit = WindowLimit.of(100_000, Duration.ofMinutes(1));
        counting.reset();

        List<Integer> granted = Race.run(32, i -> {
            int mine = 0;
            for (int call = 0; call < 20; call++) {
                mine += leasing.counters().tryAcquire(key, limit, P1.plusMillis(call)).isGranted() ? 1 : 0;
            }
            return mine;
        });

        assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(640);
        // leases of 2, 4, 8 and then 16 calls, renewed by one of the threads at a time: about 40 transactions
        assertThat(counting.transactions()).as("640 calls").isLessThan(160);
        assertThat(leasing.counters().current(key, P1.plusSeconds(1)))
                .hasValueSatisfying(window -> assertThat(window.count()).isEqualTo(640));
    }

    @Test
    void firstCallsOfManyBalancesAtOnce_renewTheirLeasesInSharedTransactions_eachAsIfAlone() {
        List<UserRef> users = Race.run(RENEWING, i -> Unique.user());
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance allowance = PeriodAllowance.of(P1, 100);

        List<Consumption> results = renewingAtOnce(database::meterRenewalBatches,
                i -> leasing.meters().consume(users.get(i), meter, 3, allowance));

        assertThat(results).allSatisfy(taken -> assertThat(taken.isTaken()).isTrue())
                .extracting(taken -> taken.balance().allowanceLeft()).containsOnly(97L);
        MeterLedger inTheDatabase = database.stores().meters();
        for (UserRef user : users) {
            assertThat(inTheDatabase.balance(user, meter, allowance).allowanceLeft())
                    .as("a lease taken from each row besides the cost").isLessThan(97);
            assertThat(leasing.meters().balance(user, meter, allowance).allowanceLeft()).isEqualTo(97);
        }
    }

    @Test
    void firstCallsOfManyCountersAtOnce_renewTheirLeasesInSharedTransactions_eachAsIfAlone() {
        String tag = Unique.tag();
        WindowLimit limit = WindowLimit.of(100, Duration.ofMinutes(1));

        List<Acquisition> results = renewingAtOnce(database::counterRenewalBatches,
                i -> leasing.counters().tryAcquire(CounterKey.of("test:" + tag + ":" + i), limit, P1));

        assertThat(results).allSatisfy(acquired -> assertThat(acquired.isGranted()).isTrue())
                .extracting(Acquisition::count).containsOnly(1);
        for (int i = 0; i < RENEWING; i++) {
            assertThat(database.stores().counters().current(CounterKey.of("test:" + tag + ":" + i), P1))
                    .hasValueSatisfying(window -> assertThat(window.count())
                            .as("a lease counted in each row besides the call").isGreaterThan(1));
            assertThat(leasing.counters().current(CounterKey.of("test:" + tag + ":" + i), P1))
                    .hasValueSatisfying(window -> assertThat(window.count()).isEqualTo(1));
        }
    }

    /**
     * Runs {@link #RENEWING} racers' first calls, each of its own row, so each renews a lease:
     * both renewal transactions that may run at once are held at their start until every other
     * racer waits behind them, and then one more batch takes all of those.
     */
    private <T> List<T> renewingAtOnce(Supplier<BatchCounts> renewals, IntFunction<T> call) {
        CountDownLatch firstHeld = new CountDownLatch(1);
        Runnable untilAllArrived = () -> assertThat(Eventually.holds(() -> {
            BatchCounts now = renewals.get();
            return now.batches() == 2 && now.calls() + now.waiting() == RENEWING;
        })).as("two renewal batches running, the other racers queued behind them").isTrue();
        counting.holdNextTransaction(() -> {
            counting.holdNextTransaction(untilAllArrived);
            firstHeld.countDown();
            untilAllArrived.run();
        });

        List<T> results = Race.run(RENEWING, i -> {
            if (i > 0) {
                awaitQuietly(firstHeld);
            }
            return call.apply(i);
        });

        assertThat(renewals.get()).as("the two held batches, then one for the racers queued behind them")
                .isEqualTo(new BatchCounts(3, RENEWING, 0));
        return results;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(Eventually.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).as("the first renewal began")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void whatIsLeftOfALease_goesBackWhenItExpires() {
        UserRef user = Unique.user();
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance allowance = PeriodAllowance.of(P1, 1_000);
        for (int i = 0; i < 10; i++) {
            leasing.meters().consume(user, meter, 1, allowance);
        }
        MeterLedger inTheDatabase = database.stores().meters();
        assertThat(inTheDatabase.balance(user, meter, allowance).allowanceLeft())
                .as("the lease is taken from the row").isLessThan(990);

        assertThat(Eventually.holds(() -> inTheDatabase.balance(user, meter, allowance).allowanceLeft() == 990))
                .as("given back once expired: the row has exactly what is left").isTrue();
        assertThat(leasing.meters().balance(user, meter, allowance).allowanceLeft()).isEqualTo(990);
    }

    @Test
    void closingTheStores_givesBackEveryLease() {
        UserRef user = Unique.user();
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance allowance = PeriodAllowance.of(P1, 1_000);
        CounterKey key = CounterKey.of("test:" + Unique.tag());
        WindowLimit limit = WindowLimit.of(1_000, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            leasing.meters().consume(user, meter, 1, allowance);
            leasing.counters().tryAcquire(key, limit, P1);
        }

        database.close();

        try (SqlDatabase reopened = storesOver(pool)) {
            assertThat(reopened.stores().meters().balance(user, meter, allowance).allowanceLeft()).isEqualTo(990);
            assertThat(reopened.stores().counters().current(key, P1))
                    .hasValueSatisfying(window -> assertThat(window.count()).isEqualTo(10));
        }
    }

    @Test
    void aNewPeriod_givesBackTheTopUpPartOfALease_andStartsFromTheNewAllowance() {
        UserRef user = Unique.user();
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance first = PeriodAllowance.of(P1, 10);
        leasing.meters().topUp(user, meter, 1_000, first);
        for (int i = 0; i < 20; i++) {
            assertThat(leasing.meters().consume(user, meter, 1, first).isTaken()).isTrue();
        }
        PeriodAllowance second = PeriodAllowance.of(P1.plus(Duration.ofDays(31)), 10);

        Consumption next = leasing.meters().consume(user, meter, 1, second);

        assertThat(next.isTaken()).isTrue();
        assertThat(next.balance()).isEqualTo(new MeterBalance(second.periodStart(), 9, 990));
        assertThat(database.stores().meters().balance(user, meter, second).total())
                .as("the row: the new period, less the lease taken from it now").isLessThanOrEqualTo(999);
    }
}
