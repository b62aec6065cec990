package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MeterLedger} in memory. One lock guards the entries, so each call sees and stores an
 * entry no other call changes in between. An entry keeps what was used of the period's
 * allowance, so what is left follows the allowance each call names. An entry whose stored
 * period start is older than the one a call names counts as nothing used in that call's
 * period; a granted consumption or a top-up stores the reset, a refusal stores nothing (but
 * the fresh entry of a first use).
 */
public final class InMemoryMeterLedger implements MeterLedger {

    private record Key(UserRef user, MeterName meter) {
    }

    /** What a user has used of one meter's allowance in the period from {@code periodStart}, and the top-up left. */
    private record Entry(Instant periodStart, long used, long topUpLeft) {

        MeterBalance balance(PeriodAllowance allowance) {
            return new MeterBalance(periodStart, Math.max(0, allowance.amount() - used), topUpLeft);
        }
    }

    private final Object lock = new Object();
    private final Map<Key, Entry> entries = new HashMap<>();

    @Override
    public Consumption consume(UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        Key key = key(user, meter, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        synchronized (lock) {
            Entry current = effective(entries.get(key), allowance);
            MeterBalance balance = current.balance(allowance);
            if (balance.total() < cost) {
                entries.putIfAbsent(key, current);
                return Consumption.insufficient(balance);
            }
            long fromAllowance = Math.min(cost, balance.allowanceLeft());
            Entry after = new Entry(current.periodStart(), current.used() + fromAllowance,
                    current.topUpLeft() - (cost - fromAllowance));
            entries.put(key, after);
            return Consumption.taken(after.balance(allowance));
        }
    }

    @Override
    public MeterBalance topUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        Key key = key(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        synchronized (lock) {
            Entry current = effective(entries.get(key), allowance);
            Entry after = new Entry(current.periodStart(), current.used(),
                    Math.addExact(current.topUpLeft(), amount));
            entries.put(key, after);
            return after.balance(allowance);
        }
    }

    @Override
    public Consumption deductTopUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        Key key = key(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        synchronized (lock) {
            Entry current = effective(entries.get(key), allowance);
            if (current.topUpLeft() < amount) {
                return Consumption.insufficient(current.balance(allowance));
            }
            Entry after = new Entry(current.periodStart(), current.used(), current.topUpLeft() - amount);
            entries.put(key, after);
            return Consumption.taken(after.balance(allowance));
        }
    }

    @Override
    public MeterBalance balance(UserRef user, MeterName meter, PeriodAllowance allowance) {
        Key key = key(user, meter, allowance);
        synchronized (lock) {
            return effective(entries.get(key), allowance).balance(allowance);
        }
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            int before = entries.size();
            entries.keySet().removeIf(key -> key.user().equals(user));
            return before - entries.size();
        }
    }

    /** The entry as of the allowance's period: the stored one, or nothing used when it belongs to an older period. */
    private static Entry effective(Entry stored, PeriodAllowance allowance) {
        if (stored == null) {
            return new Entry(allowance.periodStart(), 0, 0);
        }
        if (stored.periodStart().isBefore(allowance.periodStart())) {
            return new Entry(allowance.periodStart(), 0, stored.topUpLeft());
        }
        return stored;
    }

    private static Key key(UserRef user, MeterName meter, PeriodAllowance allowance) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(allowance, "allowance");
        return new Key(user, meter);
    }
}
