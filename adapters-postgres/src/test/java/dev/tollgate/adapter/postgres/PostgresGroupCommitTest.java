package dev.tollgate.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.sql.BatchCounts;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.testing.CountingDataSource;
import dev.tollgate.port.StoreRejectedInputException;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group commit of meter consumptions and window counters on PostgreSQL: concurrent calls
 * share transactions, a failed batch fails each of its callers and applies nothing, and two
 * processes (two pools) spending one balance stay exact. Transactions are counted by a data
 * source wrapped around the pool; which callers share a batch is made certain by holding the
 * first batch's transaction until the others are queued, never by timing.
 */
class PostgresGroupCommitTest {

    private static final Instant P1 = Instant.parse("2025-05-01T00:00:00Z");
    private static final int RACERS = 64;
    private static final String FIRST_USE = "one committed transaction for the first caller (its first attempt found "
            + "the row missing and rolled back), one for the 63 queued behind it";

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private HikariDataSource pool;
    private CountingDataSource counting;
    private final CountDownLatch firstHeld = new CountDownLatch(1);
    private SqlDatabase database;
    private MeterLedger ledger;
    private UserRef user;
    private MeterName meter;

    @BeforeEach
    void openCountedStores() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(DATABASE.url());
        config.setUsername(DATABASE.server.user());
        config.setPassword(DATABASE.server.password());
        config.setMaximumPoolSize(10);
        config.addDataSourceProperty("logServerErrorDetail", "false");
        pool = new HikariDataSource(config);
        counting = new CountingDataSource(pool);
        database = PostgresStores.over(counting.dataSource());
        ledger = database.stores().meters();
        user = Unique.user();
        meter = MeterName.of("calls-" + Unique.tag());
        counting.reset();
    }

    @AfterEach
    void closeStores() {
        callers.shutdownNow();
        database.close();
        pool.close();
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
        assertThat(results).filteredOn(consumption -> !consumption.isTaken())
                .allSatisfy(refused -> assertThat(refused.balance()).isEqualTo(new MeterBalance(P1, 0, 0)));
        assertThat(counting.transactions()).as(FIRST_USE).isEqualTo(2);
        assertThat(counting.autocommitStatements).hasValue(0);
        assertThat(database.consumptionBatches()).isEqualTo(new BatchCounts(2, RACERS, 0));
        report("64 concurrent consumptions", database.consumptionBatches(), counting);
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 40))).isEqualTo(new MeterBalance(P1, 0, 0));
    }

    @Test
    void sixtyFourConcurrentAcquisitionsOfANewCounter_commitTwoTransactions_andGrantExactlyTheLimit() {
        WindowCounters counters = database.stores().counters();
        CounterKey key = CounterKey.of("test:" + Unique.tag());
        holdFirstTransactionUntil(() -> database.counterBatches().waiting(), RACERS - 1);

        List<Acquisition> results = Race.run(RACERS, i -> {
            behindTheFirst(i);
            return counters.tryAcquire(key, WindowLimit.of(10, Duration.ofMinutes(1)), P1);
        });

        assertThat(results).filteredOn(Acquisition::isGranted).extracting(Acquisition::count)
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(counting.transactions()).as(FIRST_USE).isEqualTo(2);
        report("64 concurrent acquisitions", database.counterBatches(), counting);
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
                        .hasMessage("PostgreSQL store: consume meter failed (SQL state 08006)"));
        long rows = ledger.balance(user, meter, PeriodAllowance.of(P1, 100)).allowanceLeft()
                + ledger.balance(other, meter, PeriodAllowance.of(P1, 100)).allowanceLeft();
        assertThat(rows).as("only the first caller's take is stored").isEqualTo(199);
        assertThat(storedRows(user) + storedRows(other)).as("not even the failed batch's new row").isEqualTo(1);
        counting.failCommits(commit -> false);
        assertThat(ledger.consume(other, meter, 1, PeriodAllowance.of(P1, 100)).isTaken()).isTrue();
    }

    @Test
    void aBatchWithValuesTheDatabaseRefuses_isDecidedOneByOne_soOnlyThatCallerIsRefused() throws Exception {
        holdFirstTransactionUntil(() -> database.consumptionBatches().waiting(), 3);
        // timestamptz ends in the year 294276
        PeriodAllowance beyond = PeriodAllowance.of(Instant.parse("+294277-01-01T00:00:00Z"), 10);
        CompletableFuture<Consumption> first = CompletableFuture.supplyAsync(
                () -> ledger.consume(user, meter, 1, PeriodAllowance.of(P1, 10)), callers);
        Eventually.holds(() -> database.consumptionBatches().batches() == 1);
        List<CompletableFuture<Object>> followers = new ArrayList<>();
        for (PeriodAllowance allowance : List.of(PeriodAllowance.of(P1, 10), beyond, PeriodAllowance.of(P1, 10))) {
            followers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ledger.consume(user, meter, 1, allowance);
                } catch (StoreRejectedInputException e) {
                    return e;
                }
            }, callers));
        }

        assertThat(first.get(60, TimeUnit.SECONDS).isTaken()).isTrue();
        assertThat(followers.get(0).get(60, TimeUnit.SECONDS)).isInstanceOf(Consumption.class);
        assertThat(followers.get(1).get(60, TimeUnit.SECONDS)).isInstanceOf(StoreRejectedInputException.class)
                .asString().contains("SQL state 22008");
        assertThat(followers.get(2).get(60, TimeUnit.SECONDS)).isInstanceOf(Consumption.class);
        assertThat(ledger.balance(user, meter, PeriodAllowance.of(P1, 10))).isEqualTo(new MeterBalance(P1, 7, 0));
    }

    @Test
    void twoProcessesOnOneDatabase_sixtyFourSpendersOfOneBalance_takeExactlyIt() {
        try (SqlDatabase first = DATABASE.open(); SqlDatabase second = DATABASE.open()) {
            List<MeterLedger> ledgers = List.of(first.stores().meters(), second.stores().meters());
            ledgers.get(0).topUp(user, meter, 500, PeriodAllowance.of(P1, 1000));

            List<List<Consumption>> answers = Race.run(RACERS, i -> {
                MeterLedger mine = ledgers.get(i % 2);
                long cost = 1 + i % 5;
                List<Consumption> taken = new ArrayList<>();
                Consumption last;
                while ((last = mine.consume(user, meter, cost, PeriodAllowance.of(P1, 1000))).isTaken()) {
                    taken.add(last);
                }
                assertThat(last.balance().total()).as("refused only when too little is left").isLessThan(cost);
                return taken;
            });

            long granted = 0;
            List<Long> totalsAfter = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                granted += (1 + i % 5) * (long) answers.get(i).size();
                answers.get(i).forEach(taken -> totalsAfter.add(taken.balance().total()));
            }
            assertThat(granted).as("granted costs").isEqualTo(1500);
            assertThat(totalsAfter).as("no two takes left the same balance").doesNotHaveDuplicates();
            assertThat(ledgers.get(1).balance(user, meter, PeriodAllowance.of(P1, 1000)))
                    .isEqualTo(new MeterBalance(P1, 0, 0));
            BatchCounts one = first.consumptionBatches();
            BatchCounts two = second.consumptionBatches();
            System.out.printf("two processes, 1,500 credits by 64 spenders of 1-5 on PostgreSQL: %d + %d consumptions "
                    + "in %d + %d transactions%n", one.calls(), two.calls(), one.batches(), two.batches());
        }
    }

    @Test
    void twoProcessesOnOneDatabase_overlappingBatchesOfManyBalances_withTopUpsAndDeductions_stayExact() {
        List<UserRef> users = List.of(Unique.user(), Unique.user(), Unique.user(), Unique.user(), Unique.user(),
                Unique.user(), Unique.user(), Unique.user());
        try (SqlDatabase first = DATABASE.open(); SqlDatabase second = DATABASE.open()) {
            List<MeterLedger> ledgers = List.of(first.stores().meters(), second.stores().meters());
            for (UserRef each : users) {
                ledgers.get(0).topUp(each, meter, 50, PeriodAllowance.of(P1, 20));
            }

            // racers walk the balances in opposite directions, so concurrent batches hold the same rows in every order
            List<long[]> changes = Race.run(RACERS, i -> {
                MeterLedger mine = ledgers.get(i % 2);
                long[] change = new long[users.size()];
                for (int step = 0; step < 3 * users.size(); step++) {
                    int which = Math.floorMod(i % 4 < 2 ? i + step : i - step, users.size());
                    UserRef owner = users.get(which);
                    if (i % 8 == 0) {
                        mine.topUp(owner, meter, 2, PeriodAllowance.of(P1, 20));
                        change[which] += 2;
                    } else if (i % 8 == 1) {
                        change[which] -= mine.deductTopUp(owner, meter, 2, PeriodAllowance.of(P1, 20)).isTaken() ? 2 : 0;
                    } else {
                        change[which] -= mine.consume(owner, meter, 1 + i % 3, PeriodAllowance.of(P1, 20)).isTaken()
                                ? 1 + i % 3 : 0;
                    }
                }
                return change;
            });

            for (int u = 0; u < users.size(); u++) {
                long net = 0;
                for (long[] change : changes) {
                    net += change[u];
                }
                assertThat(ledgers.get(1).balance(users.get(u), meter, PeriodAllowance.of(P1, 20)).total())
                        .as("balance %d: what was there, plus top-ups, less every take", u).isEqualTo(70 + net);
            }
        }
    }

    /**
     * Holds the next transaction at its start until {@code queued} callers wait behind it. Racers
     * call {@link #behindTheFirst} first, so that racer 0 leads the first batch alone: were they
     * all let go at once, a second racer could join the first batch before it was taken.
     */
    private void holdFirstTransactionUntil(IntSupplier waiting, int queued) {
        counting.holdNextTransaction(() -> {
            firstHeld.countDown();
            assertThat(Eventually.holds(() -> waiting.getAsInt() == queued))
                    .as("%d callers queued behind the first batch", queued).isTrue();
        });
    }

    /** Lets racer 0 go at once and every other racer once the first transaction is held. */
    private void behindTheFirst(int racer) {
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

    private long storedRows(UserRef owner) {
        try (Connection connection = DATABASE.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM tg_meter_balances WHERE tenant_id = ? AND user_id = ?")) {
            select.setString(1, owner.tenant().value());
            select.setObject(2, owner.id().value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(String what, BatchCounts usage, CountingDataSource counted) {
        System.out.printf("%s on PostgreSQL: %d calls in %d batches, %d transactions, %d statements%n",
                what, usage.calls(), usage.batches(), counted.transactions(), counted.statements.get());
    }
}
