package dev.tollgate.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.tollgate.adapter.sql.SqlDatabase;
import dev.tollgate.adapter.sql.testing.LeasingContract;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leasing stores on PostgreSQL ({@link LeasingContract}), and what only a database that
 * several processes share has: two processes (two pools, two sets of leasing stores) spending
 * one balance and one window exactly, a refusal that waits for the other process's lease, and
 * a process that dies holding a lease. One database for the class and its nested contracts,
 * dropped after all of them (an extension would drop it after the first).
 */
class PostgresLeasingTest extends LeasingContract {

    private static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Override
    protected DataSource openPool() {
        return DATABASE.pool(10);
    }

    @Override
    protected SqlDatabase storesOver(DataSource dataSource) {
        return PostgresStores.over(dataSource);
    }

    @Test
    void twoProcessesSpendingOneBalance_areGrantedExactlyTheBalance_andRefusedOnlyWhenNothingIsLeft() {
        UserRef user = Unique.user();
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance allowance = PeriodAllowance.of(P1, 2_000);
        try (HikariDataSource secondPool = DATABASE.pool(10); SqlDatabase second = PostgresStores.over(secondPool)) {
            List<MeterLedger> processes = List.of(leasing.meters(), second.leasingStores(SMALL).meters());

            List<Long> granted = Race.run(64, i -> {
                MeterLedger ledger = processes.get(i % 2);
                long mine = 0;
                while (ledger.consume(user, meter, 1, allowance).isTaken()) {
                    mine++;
                }
                return mine;
            });

            assertThat(granted.stream().mapToLong(Long::longValue).sum()).isEqualTo(2_000);
            assertThat(processes).allSatisfy(ledger ->
                    assertThat(ledger.balance(user, meter, allowance).total()).isZero());
        }
        assertThat(Eventually.holds(() -> leasesOf(user) == 0)).as("every lease given back").isTrue();
    }

    @Test
    void twoProcessesCountingOneWindow_grantExactlyItsLimit() {
        CounterKey key = CounterKey.of("test:" + Unique.tag());
        WindowLimit limit = WindowLimit.of(600, Duration.ofMinutes(1));
        try (HikariDataSource secondPool = DATABASE.pool(10); SqlDatabase second = PostgresStores.over(secondPool)) {
            List<WindowCounters> processes = List.of(leasing.counters(), second.leasingStores(SMALL).counters());

            List<Integer> granted = Race.run(64, i -> {
                WindowCounters counters = processes.get(i % 2);
                int mine = 0;
                while (counters.tryAcquire(key, limit, P1).isGranted()) {
                    mine++;
                }
                return mine;
            });

            assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(600);
        }
    }

    @Test
    void aRefusalWaitsForTheLeaseOfAnotherProcess_andIsGrantedWhenItComesBack() {
        UserRef user = Unique.user();
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance allowance = PeriodAllowance.of(P1, 1_000);
        try (HikariDataSource secondPool = DATABASE.pool(2); SqlDatabase second = PostgresStores.over(secondPool)) {
            MeterLedger other = second.leasingStores(SMALL).meters();
            assertThat(other.consume(user, meter, 1, allowance).isTaken()).isTrue();
            long leased = leasedAmount(user);
            assertThat(leased).as("the other process leased a block").isPositive();

            assertThat(leasing.meters().consume(user, meter, 999 - leased, allowance).isTaken()).isTrue();
            // nothing left in the row: only the other process's lease can pay
            assertThat(leasing.meters().consume(user, meter, leased, allowance).isTaken()).isTrue();

            assertThat(leasing.meters().consume(user, meter, 1, allowance).isTaken()).isFalse();
            assertThat(other.balance(user, meter, allowance).total()).isZero();
        }
    }

    @Test
    void aProcessThatDiesHoldingALease_forfeitsWhatIsLeftOfIt_andHoldsNothingUpOnceExpired() {
        UserRef user = Unique.user();
        MeterName meter = MeterName.of("calls-" + Unique.tag());
        PeriodAllowance allowance = PeriodAllowance.of(P1, 1_000);
        HikariDataSource secondPool = DATABASE.pool(2);
        SqlDatabase second = PostgresStores.over(secondPool);
        try {
            assertThat(second.leasingStores(SMALL).meters().consume(user, meter, 1, allowance).isTaken()).isTrue();
            long leased = leasedAmount(user);
            // the process is gone: its pool with it, so nothing of its lease can come back
            secondPool.close();

            long granted = 0;
            while (leasing.meters().consume(user, meter, 1, allowance).isTaken()) {
                granted++;
            }

            assertThat(granted).as("all but the dead process's call and its lease").isEqualTo(999 - leased);
            assertThat(leasesOf(user)).as("its lease was forfeited, counting as spent").isZero();
            assertThat(leasing.meters().balance(user, meter, allowance).total()).isZero();
        } finally {
            second.close();
        }
    }

    private static long leasedAmount(UserRef user) {
        return query("SELECT COALESCE(SUM(amount), 0) FROM tg_meter_leases WHERE user_id = '" + user.id().value() + "'");
    }

    private static long leasesOf(UserRef user) {
        return query("SELECT COUNT(*) FROM tg_meter_leases WHERE user_id = '" + user.id().value() + "'");
    }

    private static long query(String sql) {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
