package dev.tollgate.adapter.sql.testing;

import dev.tollgate.adapter.sql.BatchCounts;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.CountedConsumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group commits of the SQL stores, the same on every database: concurrent consumptions,
 * window-counter acquisitions and counted consumptions share transactions (counted by a
 * {@link CountingDataSource} around the store's pool; the first batch is held until the others
 * are queued, never timed), first uses and rows already there, and a failed batch failing each
 * of its callers and applying nothing. A database's test extends it with its pool and adds what
 * only that database has.
 */
public abstract class GroupCommitContract {

    protected static final Instant P1 = Instant.parse("2025-05-01T00:00:00Z");
    protected static final int RACERS = 64;
    private static final String FIRST_USE = "one committed transaction for the first caller (its first attempt found "
            + "the row missing and rolled back), one for the 63 queued behind it";

    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private DataSource pool;
    protected CountingDataSource counting;
    protected SqlDatabase database;
    protected MeterLedger ledger;
    protected UserRef user;
    protected MeterName meter;

    /** A new pool over a fresh or shared database, as the store's own factory would configure it. */
    protected abstract DataSource openPool();

    /** The store over {@code dataSource}, migrated. */
    protected abstract SqlDatabase storesOver(DataSource dataSource);

    /** The store's name in its failure messages ({@code "PostgreSQL"}, {@code "SQLite"}). */
    protected abstract String storeName();

    @BeforeEach
    void openCountedStores() {
        pool = openPool();
        counting = new CountingDataSource(pool);
        database = storesOver(counting.dataSource());
        ledger = database.stores().meters();
        user = Unique.user();
        meter = MeterName.of("calls-" + Unique.tag());
        counting.reset();
    }

    @AfterEach
    void closeStores() throws Exception {
        database.close();
        if (pool instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void sixtyFourConcurrentConsumptionsOfANewBalance_commitTwoTransactions_andTakeExactlyTheBalance() {
        holdFirstTransactionUntil(() -> database.consumptionBatches().waiting(), RACERS - 1);

        List<Consumption> results = Race.run(RACERS, i -> {
            behindTheFirst(i);
            return ledger.consume(user, meter, 1, PeriodAllowance.of(P1, 40));
        });

        assertThat(results).filteredOn(Consumption::isTaken).hasSize(40)
                .extracting(taken -> taken.balance().allowanceLeft()).doesNotHaveDuplicates();
        assertThat(counting.transactions()).as(FIRST_USE).isEqualTo(2);
        assertThat(database.consumptionBatches()).isEqualTo(new BatchCounts(2, RACERS, 0));
        System.out.printf("64 concurrent consumptions on %s: 64 calls in %d transactions, %d statements%n",
                storeName(), counting.transactions(), counting.statements.get());
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 40))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void sixtyFourConcurrentAcquisitionsOfANewCounter_commitTwoTransactions_andGrantExactlyTheLimit() {
        CounterKey key = CounterKey.of("test:" + Unique.tag());
        holdFirstTransactionUntil(() -> database.counterBatches().waiting(), RACERS - 1);

        List<Acquisition> results = Race.run(RACERS, i -> {
            behindTheFirst(i);
            return database.stores().counters().tryAcquire(key, WindowLimit.of(10, Duration.ofMinutes(1)), P1);
        });

        assertThat(results).filteredOn(Acquisition::isGranted).extracting(Acquisition::count)
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(counting.transactions()).as(FIRST_USE).isEqualTo(2);
    }

    @Test
    void withTheirRowsThere_sixtyFourConcurrentConsumptions_runInTwoTransactionsOfTwoStatements() {
        ledger.consume(user, meter, 1, PeriodAllowance.of(P1, 41));
        counting.reset();
        holdFirstTransactionUntil(() -> database.consumptionBatches().waiting(), RACERS - 1);

        List<Consumption> results = Race.run(RACERS, i -> {
            behindTheFirst(i);
            return ledger.consume(user, meter, 1, PeriodAllowance.of(P1, 41));
        });

        assertThat(results).filteredOn(Consumption::isTaken).hasSize(40);
        assertThat(counting.transactions()).as("one transaction for the first caller, one for the 63 behind it")
                .isEqualTo(2);
        assertThat(counting.statements).as("in each, the locking read and the update").hasValue(4);
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 41))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void withItsRowThere_sixtyFourConcurrentAcquisitions_runInTwoTransactionsOfTwoStatements() {
        WindowCounters counters = database.stores().counters();
        CounterKey key = CounterKey.of("test:" + Unique.tag());
        counters.tryAcquire(key, WindowLimit.of(11, Duration.ofMinutes(1)), P1);
        counting.reset();
        holdFirstTransactionUntil(() -> database.counterBatches().waiting(), RACERS - 1);

        List<Acquisition> results = Race.run(RACERS, i -> {
            behindTheFirst(i);
            return counters.tryAcquire(key, WindowLimit.of(11, Duration.ofMinutes(1)), P1);
        });

        assertThat(results).filteredOn(Acquisition::isGranted).extracting(Acquisition::count)
                .containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(counting.transactions()).isEqualTo(2);
        assertThat(counting.statements).as("in each, the locking read and the update").hasValue(4);
    }

    @Test
    void sixtyFourConcurrentCountedConsumptions_countAndTakeInTwoTransactions_andAFailedOneAppliesNeither() {
        WindowCounters counters = database.stores().counters();
        CounterKey key = CounterKey.of("key-rate:" + Unique.tag());
        WindowLimit limit = WindowLimit.of(50, Duration.ofMinutes(1));
        ledger.consumeCounted(counters, key, limit, P1, user, meter, 1, PeriodAllowance.of(P1, 41));
        counting.reset();
        holdFirstTransactionUntil(() -> database.countedConsumptionBatches().waiting(), RACERS - 1);

        List<CountedConsumption> results = Race.run(RACERS, i -> {
            behindTheFirst(i);
            return ledger.consumeCounted(counters, key, limit, P1, user, meter, 1, PeriodAllowance.of(P1, 41));
        });

        assertThat(results).filteredOn(result -> result.acquisition().isGranted()).hasSize(49);
        assertThat(results).filteredOn(result -> result.consumption().map(Consumption::isTaken).orElse(false))
                .hasSize(40);
        assertThat(counting.transactions()).as("one transaction for the first caller, one for the 63 behind it")
                .isEqualTo(2);
        assertThat(counting.statements).as("in each: lock counters, write them, lock balances, write them")
                .hasValue(8);

        counting.failCommits(commit -> true);
        CounterKey newKey = CounterKey.of("key-rate:" + Unique.tag());
        Object failed;
        try {
            failed = ledger.consumeCounted(counters, newKey, limit, P1, user, meter, 1, PeriodAllowance.of(P1, 100));
        } catch (StoreUnavailableException e) {
            failed = e;
        }
        counting.failCommits(commit -> false);
        assertThat(failed).isInstanceOf(StoreUnavailableException.class);
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 100))).as("the failed take is not applied")
                .isEqualTo(new MeterBalance(P1, 59, 0));
        assertThat(counters.current(newKey, P1)).as("nor counted").isEmpty();
    }

    @Test
    void aBatchWhoseTransactionFails_failsEachOfItsCallers_andAppliesNothing() {
        holdFirstTransactionUntil(() -> database.consumptionBatches().waiting(), RACERS - 1);
        // commit 1 is the first caller's (after its first attempt rolled back: the row was missing), 2 the 63's
        counting.failCommits(commit -> commit == 2);
        UserRef other = Unique.user();

        List<Object> results = Race.run(RACERS, i -> {
            behindTheFirst(i);
            try {
                return ledger.consume(i % 2 == 0 ? user : other, meter, 1, PeriodAllowance.of(P1, 100));
            } catch (StoreUnavailableException e) {
                return e;
            }
        });

        assertThat(results).filteredOn(Consumption.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(StoreUnavailableException.class::isInstance).hasSize(RACERS - 1)
                .allSatisfy(failure -> assertThat((Throwable) failure)
                        .hasMessage(storeName() + " store: consume meter failed (SQL state 08006)"));
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 100)).allowanceLeft()
                + ledger.balance(other, meter, PeriodAllowance.of(P1, 100)).allowanceLeft())
                .as("only the first caller's take is stored").isEqualTo(199);
        counting.failCommits(commit -> false);
        assertThat(ledger.consume(other, meter, 1, PeriodAllowance.of(P1, 100)).isTaken()).as("the next batch commits")
                .isTrue();
        assertThat(ledger.deleteAll(user) + ledger.deleteAll(other)).as("not even the failed batch's new row")
                .isEqualTo(2);
    }

    /**
     * Holds the next transaction at its start until {@code queued} callers wait behind it. Racers
     * call {@link #behindTheFirst} first, so that racer 0 leads the first batch alone: were they
     * all let go at once, a second racer could join the first batch before it was taken.
     */
    protected final void holdFirstTransactionUntil(IntSupplier waiting, int queued) {
        counting.holdNextTransaction(() -> {
            firstHeld.countDown();
            assertThat(Eventually.holds(() -> waiting.getAsInt() == queued))
                    .as("%d callers queued behind the first batch", queued).isTrue();
        });
    }

    /** Lets racer 0 go at once and every other racer once the first transaction is held. */
    protected final void behindTheFirst(int racer) {
        if (racer == 0) {
            return;
        }
        try {
            assertThat(firstHeld.await(Eventually.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the first transaction began").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the first transaction", e);
        }
    }
}
