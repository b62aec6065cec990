package dev.tollgate.adapter.sql.meter;

import dev.tollgate.adapter.sql.dialect.SqlDialect;
import dev.tollgate.adapter.sql.internal.Database;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.meter.Consumption;
import dev.tollgate.port.spi.meter.MeterBalance;
import dev.tollgate.port.spi.meter.MeterLedger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Metered balances in {@code tg_meter_balances}, one row per user and meter. A consumption or
 * top-up first makes sure the row exists ({@code INSERT ... ON CONFLICT DO NOTHING}, with the
 * period's full allowance), then changes it with one conditional {@code UPDATE ... RETURNING}
 * that applies a due reset, takes from the allowance first and the top-up after it, and only
 * when the two cover the cost. The database serialises those updates of a row, so no process
 * takes more than the balance and no take is lost. A refused consumption reads the row and
 * answers it as of the period named, storing no reset. Every statement is plain CASE
 * arithmetic, shared by every database.
 */
public final class SqlMeterLedger implements MeterLedger {

    private static final String OF_METER = " WHERE tenant_id = :tenant AND user_id = :user AND meter = :meter";
    /** The allowance as of {@code :periodStart}: reset when the row's period is older. */
    private static final String ALLOWANCE = "(CASE WHEN period_start < :periodStart THEN :allowance "
            + "ELSE allowance_left END)";
    private static final String PERIOD = "period_start = CASE WHEN period_start < :periodStart THEN :periodStart "
            + "ELSE period_start END";
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
    public Consumption consume(UserRef user, String meter, long cost, Instant periodStart, long allowance) {
        Instant period = check(user, meter, periodStart, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        return database.call("consume meter", handle -> {
            for (int attempt = 1; ; attempt++) {
                ensureRow(handle, user, meter, period, allowance);
                Optional<MeterBalance> granted = bindRow(handle.createQuery("UPDATE tg_meter_balances SET "
                                + "allowance_left = CASE WHEN " + ALLOWANCE + " >= :cost THEN " + ALLOWANCE + " - :cost "
                                + "ELSE 0 END, "
                                + "top_up_left = CASE WHEN " + ALLOWANCE + " >= :cost THEN top_up_left "
                                + "ELSE top_up_left + " + ALLOWANCE + " - :cost END, "
                                + PERIOD + OF_METER + " AND " + ALLOWANCE + " + top_up_left >= :cost" + RETURNING),
                        user, meter, period, allowance)
                        .bind("cost", cost)
                        .map((row, context) -> read(row))
                        .findOne();
                if (granted.isPresent()) {
                    return new Consumption(true, granted.get());
                }
                Optional<MeterBalance> refused = stored(handle, user, meter)
                        .map(stored -> asOf(stored, period, allowance));
                if (refused.isPresent() || attempt == ATTEMPTS) {
                    return new Consumption(false, refused.orElse(new MeterBalance(period, allowance, 0)));
                }
            }
        });
    }

    @Override
    public MeterBalance topUp(UserRef user, String meter, long amount, Instant periodStart, long allowance) {
        Instant period = check(user, meter, periodStart, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        return database.call("top up meter", handle -> {
            for (int attempt = 1; ; attempt++) {
                ensureRow(handle, user, meter, period, allowance);
                Optional<MeterBalance> after = bindRow(handle.createQuery("UPDATE tg_meter_balances SET "
                                + "allowance_left = " + ALLOWANCE + ", top_up_left = top_up_left + :amount, "
                                + PERIOD + OF_METER + RETURNING),
                        user, meter, period, allowance)
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
    public MeterBalance balance(UserRef user, String meter, Instant periodStart, long allowance) {
        Instant period = check(user, meter, periodStart, allowance);
        return database.call("read meter", handle -> stored(handle, user, meter)
                .map(stored -> asOf(stored, period, allowance))
                .orElse(new MeterBalance(period, allowance, 0)));
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

    private void ensureRow(Handle handle, UserRef user, String meter, Instant periodStart, long allowance) {
        bindRow(handle.createUpdate("INSERT INTO tg_meter_balances "
                        + "(tenant_id, user_id, meter, period_start, allowance_left, top_up_left) "
                        + "VALUES (:tenant, :user, :meter, :periodStart, :allowance, 0) "
                        + "ON CONFLICT (tenant_id, user_id, meter) DO NOTHING"),
                user, meter, periodStart, allowance)
                .execute();
    }

    private Optional<MeterBalance> stored(Handle handle, UserRef user, String meter) {
        return handle.createQuery("SELECT period_start, allowance_left, top_up_left FROM tg_meter_balances" + OF_METER)
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("meter", meter)
                .map((row, context) -> read(row))
                .findOne();
    }

    private <S extends SqlStatement<S>> S bindRow(S statement, UserRef user, String meter, Instant periodStart,
            long allowance) {
        return statement
                .bind("tenant", user.tenant().value())
                .bind("user", dialect.uuid(user.id().value()))
                .bind("meter", meter)
                .bind("periodStart", dialect.instant(periodStart))
                .bind("allowance", allowance);
    }

    /** {@code stored} as of {@code periodStart}: with the allowance reset when it belongs to an older period. */
    private static MeterBalance asOf(MeterBalance stored, Instant periodStart, long allowance) {
        return stored.periodStart().isBefore(periodStart)
                ? new MeterBalance(periodStart, allowance, stored.topUpLeft())
                : stored;
    }

    private MeterBalance read(ResultSet row) throws SQLException {
        return new MeterBalance(dialect.instant(row, "period_start"), row.getLong("allowance_left"),
                row.getLong("top_up_left"));
    }

    /** Checks the arguments; answers the period start as the database keeps it, to the microsecond. */
    private static Instant check(UserRef user, String meter, Instant periodStart, long allowance) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(periodStart, "periodStart");
        if (meter.isEmpty() || meter.length() > MAX_METER_LENGTH) {
            throw new IllegalArgumentException("meter names are 1 to " + MAX_METER_LENGTH + " characters");
        }
        if (allowance < 0) {
            throw new IllegalArgumentException("allowance must not be negative");
        }
        return periodStart.truncatedTo(ChronoUnit.MICROS);
    }
}
