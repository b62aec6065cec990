package dev.tollgate.adapter.memory.meter;

import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.meter.Consumption;
import dev.tollgate.port.spi.meter.MeterBalance;
import dev.tollgate.port.spi.meter.MeterLedger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MeterLedger} in memory. One lock guards the balances, so each call sees and stores a
 * balance no other call changes in between. A balance whose stored period start is older than
 * the one a call names counts as reset to that call's allowance; a granted consumption or a
 * top-up stores the reset, a refusal stores nothing (but the fresh balance of a first use).
 */
public final class InMemoryMeterLedger implements MeterLedger {

    private record Key(UserRef user, String meter) {
    }

    private final Object lock = new Object();
    private final Map<Key, MeterBalance> balances = new HashMap<>();

    @Override
    public Consumption consume(UserRef user, String meter, long cost, Instant periodStart, long allowance) {
        Key key = key(user, meter, periodStart, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        synchronized (lock) {
            MeterBalance current = effective(balances.get(key), periodStart, allowance);
            if (current.total() < cost) {
                balances.putIfAbsent(key, current);
                return new Consumption(false, current);
            }
            long fromAllowance = Math.min(cost, current.allowanceLeft());
            MeterBalance after = new MeterBalance(current.periodStart(), current.allowanceLeft() - fromAllowance,
                    current.topUpLeft() - (cost - fromAllowance));
            balances.put(key, after);
            return new Consumption(true, after);
        }
    }

    @Override
    public MeterBalance topUp(UserRef user, String meter, long amount, Instant periodStart, long allowance) {
        Key key = key(user, meter, periodStart, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        synchronized (lock) {
            MeterBalance current = effective(balances.get(key), periodStart, allowance);
            MeterBalance after = new MeterBalance(current.periodStart(), current.allowanceLeft(),
                    Math.addExact(current.topUpLeft(), amount));
            balances.put(key, after);
            return after;
        }
    }

    @Override
    public MeterBalance balance(UserRef user, String meter, Instant periodStart, long allowance) {
        Key key = key(user, meter, periodStart, allowance);
        synchronized (lock) {
            return effective(balances.get(key), periodStart, allowance);
        }
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            int before = balances.size();
            balances.keySet().removeIf(key -> key.user().equals(user));
            return before - balances.size();
        }
    }

    /** The balance as of {@code periodStart}: the stored one, or reset when it belongs to an older period. */
    private static MeterBalance effective(MeterBalance stored, Instant periodStart, long allowance) {
        if (stored == null) {
            return new MeterBalance(periodStart, allowance, 0);
        }
        if (stored.periodStart().isBefore(periodStart)) {
            return new MeterBalance(periodStart, allowance, stored.topUpLeft());
        }
        return stored;
    }

    private static Key key(UserRef user, String meter, Instant periodStart, long allowance) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(periodStart, "periodStart");
        if (meter.isEmpty() || meter.length() > MAX_METER_LENGTH) {
            throw new IllegalArgumentException("meter names are 1 to " + MAX_METER_LENGTH + " characters");
        }
        if (allowance < 0) {
            throw new IllegalArgumentException("allowance must not be negative");
        }
        return new Key(user, meter);
    }
}
