package dev.tollgate.adapter.sql.metering;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Metered balances in {@code tg_meter_balances}, one row per user and meter, keeping what was
 * used of the period's allowance ({@code allowance_used}) and the top-up left. A consumption or
 * top-up first makes sure the row exists ({@code INSERT ... ON CONFLICT DO NOTHING}, nothing
 * used yet), then changes it with one conditional {@code UPDATE ... RETURNING} that applies a
 * due reset, computes what is left of the allowance named ({@code max(0, allowance - used)}),
 * takes from it first and from the top-up after it, and only when the two cover the cost. The
 * database serialises those updates of a row, so no process takes more than the balance and
 * no take is lost. A refused consumption reads the row as of the period and allowance named,
 * storing nothing. Every statement is plain CASE arithmetic, shared by every database.
 *
 * <p>A row written before schema 7 has no {@code allowance_used}, only what was left then
 * ({@code allowance_left}): its use counts as {@code max(0, allowance - allowance_left)} against
 * the allowance of its next operation, which stores that use, so the row is exact from then on.
 * Every write also keeps {@code allowance_left} as left after it, for people reading the table.
 */
public final class SqlMeterLedger implements MeterLedger {

    private static final String OF_METER = " WHERE tenant_id = :tenant AND user_id = :user AND meter = :meter";
    /** What was used of the allowance as of {@code :periodStart}: nothing when the row's period is older. */
    private static final String USED = "(CASE WHEN period_start < :periodStart THEN 0 "
            + "WHEN allowance_used IS NULL THEN "
            + "(CASE WHEN allowance_left < :allowance THEN :allowance - allowance_left ELSE 0 END) "
            + "ELSE allowance_used END)";
    /** What is left of {@code :allowance} as of {@code :periodStart}: the allowance less {@link #USED}, at least 0. */
    private static final String LEFT = "(CASE WHEN period_start < :periodStart THEN :allowance "
            + "WHEN allowance_used IS NULL THEN "
            + "(CASE WHEN allowance_left < :allowance THEN allowance_left ELSE :allowance END) "
            + "WHEN allowance_used >= :allowance THEN 0 "
            + "ELSE :allowance - allowance_used END)";
    private static final String PERIOD = "(CASE WHEN period_start < :periodStart THEN :periodStart "
            + "ELSE period_start END)";
    private static final String RETURNING = " RETURNING period_start, allowance_left, top_up_left";
    /** Rounds needed at most when a concurrent {@link #deleteAll} removes the row between two statements. */
    private static final int ATTEMPTS = 3;

    private final Database database;
    private final SqlDialect dialect;

    public SqlMeterLedger(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Consumption consume(UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        return database.call("consume meter", handle -> {
            for (int attempt = 1; ; attempt++) {
                ensureRow(handle, user, meter, period);
                Optional<MeterBalance> granted = bindRow(handle.createQuery("UPDATE tg_meter_balances SET "
                                + "allowance_used = " + USED + " + CASE WHEN " + LEFT + " >= :cost THEN :cost "
                                + "ELSE " + LEFT + " END, "
                                + "allowance_left = CASE WHEN " + LEFT + " >= :cost THEN " + LEFT + " - :cost "
                                + "ELSE 0 END, "
                                + "top_up_left = CASE WHEN " + LEFT + " >= :cost THEN top_up_left "
                                + "ELSE top_up_left + " + LEFT + " - :cost END, "
                                + "period_start = " + PERIOD + OF_METER + " AND " + LEFT + " + top_up_left >= :cost"
                                + RETURNING),
                        user, meter, period)
                        .bind("cost", cost)
                        .map((row, context) -> read(row))
                        .findOne();
                if (granted.isPresent()) {
                    return Consumption.taken(granted.get());
                }
                Optional<MeterBalance> refused = stored(handle, user, meter, period);
                if (refused.isPresent() || attempt == ATTEMPTS) {
                    return Consumption.insufficient(refused.orElse(period.unused()));
                }
            }
        });
    }

    @Override
    public MeterBalance topUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        return database.call("top up meter", handle -> {
            for (int attempt = 1; ; attempt++) {
                ensureRow(handle, user, meter, period);
                Optional<MeterBalance> after = bindRow(handle.createQuery("UPDATE tg_meter_balances SET "
                                + "allowance_used = " + USED + ", allowance_left = " + LEFT + ", "
                                + "top_up_left = top_up_left + :amount, period_start = " + PERIOD + OF_METER
                                + RETURNING),
                        user, meter, period)
                        .bind("amount", amount)
                        .map((row, context) -> read(row))
                        .findOne();
                if (after.isPresent() || attempt == ATTEMPTS) {
                    return after.orElseThrow(() -> new IllegalStateException("the meter's balance vanished "
                            + ATTEMPTS + " times during a top-up"));
                }
            }
        });
    }

    @Override
    public Consumption deductTopUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        return database.call("deduct top-up", handle -> {
            Optional<MeterBalance> taken = bindRow(handle.createQuery("UPDATE tg_meter_balances SET "
                            + "allowance_used = " + USED + ", allowance_left = " + LEFT + ", "
                            + "top_up_left = top_up_left - :amount, period_start = " + PERIOD + OF_METER
                            + " AND top_up_left >= :amount" + RETURNING),
                    user, meter, period)
                    .bind("amount", amount)
                    .map((row, context) -> read(row))
                    .findOne();
            return taken.map(Consumption::taken).orElseGet(() -> Consumption.insufficient(
                    stored(handle, user, meter, period).orElse(period.unused())));
        });
    }

    @Override
    public MeterBalance balance(UserRef user, MeterName meter, PeriodAllowance allowance) {
        PeriodAllowance period = check(user, meter, allowance);
        return database.call("read meter", handle -> stored(handle, user, meter, period)
                .orElse(period.unused()));
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        return database.call("delete meters", handle -> handle.createUpdate("DELETE FROM tg_meter_balances "
                        + "WHERE tenant_id = :tenant AND user_id = :user")
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .execute());
    }

    private void ensureRow(Handle handle, UserRef user, MeterName meter, PeriodAllowance allowance) {
        bindRow(handle.createUpdate("INSERT INTO tg_meter_balances "
                        + "(tenant_id, user_id, meter, period_start, allowance_used, allowance_left, top_up_left) "
                        + "VALUES (:tenant, :user, :meter, :periodStart, 0, :allowance, 0) "
                        + "ON CONFLICT (tenant_id, user_id, meter) DO NOTHING"),
                user, meter, allowance)
                .execute();
    }

    /** The stored balance as of {@code allowance}, if there is a row. */
    private Optional<MeterBalance> stored(Handle handle, UserRef user, MeterName meter, PeriodAllowance allowance) {
        return bindRow(handle.createQuery("SELECT " + PERIOD + " AS period_start, " + LEFT + " AS allowance_left, "
                        + "top_up_left FROM tg_meter_balances" + OF_METER), user, meter, allowance)
                .map((row, context) -> read(row))
                .findOne();
    }

    private <S extends SqlStatement<S>> S bindRow(S statement, UserRef user, MeterName meter,
            PeriodAllowance allowance) {
        return statement
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("meter", meter.value())
                .bind("periodStart", dialect.instant(allowance.periodStart()))
                .bind("allowance", allowance.amount());
    }

    private MeterBalance read(ResultSet row) throws SQLException {
        return new MeterBalance(dialect.instant(row, "period_start"), row.getLong("allowance_left"),
                row.getLong("top_up_left"));
    }

    /** Checks the arguments; answers the allowance with its period start as the database keeps it, to the microsecond. */
    private static PeriodAllowance check(UserRef user, MeterName meter, PeriodAllowance allowance) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(allowance, "allowance");
        return PeriodAllowance.of(allowance.periodStart().truncatedTo(ChronoUnit.MICROS), allowance.amount());
    }
}
