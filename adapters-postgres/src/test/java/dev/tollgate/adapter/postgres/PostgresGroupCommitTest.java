package dev.tollgate.adapter.postgres;

import dev.tollgate.adapter.sql.BatchCounts;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.testing.GroupCommitContract;
import dev.tollgate.port.StoreRejectedInputException;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group commits on PostgreSQL ({@link GroupCommitContract}), and what only PostgreSQL has
 * here: a batch with a value the database refuses decided one by one, and two processes (two
 * pools) spending one balance, and many overlapping ones, staying exact under row locks.
 */
class PostgresGroupCommitTest extends GroupCommitContract {

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    @Override
    protected DataSource openPool() {
        return DATABASE.pool(10);
    }

    @Override
    protected SqlDatabase storesOver(DataSource dataSource) {
        return PostgresStores.over(dataSource);
    }

    @Override
    protected String storeName() {
        return "PostgreSQL";
    }

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
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
}
