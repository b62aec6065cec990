package dev.tollgate.adapter.mongo.metering;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.Consumption;
import dev.tollgate.port.spi.metering.MeterBalance;
import dev.tollgate.port.spi.metering.MeterLedger;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.PeriodAllowance;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Metered balances in {@code tg_balances}, one document per user and meter:
 * {@code {_id: "<tenant>|<user>|<meter>", tenant, user, meter, period, used, topUp}}, where
 * {@code period} is the start of the period the use belongs to (microseconds), {@code used} what
 * was taken of the allowance in that period and {@code topUp} what is left of the top-up (longs).
 * The {@code _id} is unique because only its last part, the meter, is free text. An index on
 * {@code (tenant, user)} serves {@link #deleteAll}.
 *
 * <p>Every change is one conditional single-document update with {@code $inc}, {@code $set}
 * and nothing read back into it, so it is atomic without a transaction. The arithmetic of a take
 * of {@code cost} under an allowance {@code A} of period {@code P} falls into cases, and each
 * case has an update whose filter holds exactly while the case does:
 * <ul>
 * <li>a new period ({@code period < P}): {@code $set period P, used min(cost, A)} and, when the
 *     cost passes {@code A}, {@code $inc topUp} by the rest, filtered on {@code topUp} covering it;</li>
 * <li>within the allowance: {@code $inc used cost}, filtered on {@code period >= P} and
 *     {@code used <= A - cost};</li>
 * <li>with the allowance used up: {@code $inc topUp -cost}, filtered on {@code used >= A} and
 *     {@code topUp >= cost};</li>
 * <li>across the end of the allowance: {@code $set used A, $inc topUp -(cost - (A - u))},
 *     filtered on {@code used} being exactly the {@code u} read (compare-and-set; a balance is
 *     in this case at most once per period and allowance).</li>
 * </ul>
 * A {@link #consume} first sends the within-the-allowance update blind (the common case: one
 * round trip). When it matches nothing the call reads the document only to choose the case (or
 * to answer {@code INSUFFICIENT} from it) and sends that case's update; when a concurrent change
 * moved the balance to another case in between, the update matches nothing and the call reads
 * again. The server checks each filter and applies its update as one step, so concurrent calls
 * never take more than the balance and no take is lost. A first use inserts the document
 * ({@code insertOne}; a concurrent first insert collides on {@code _id} and the call runs
 * again). A refused consumption writes nothing.
 *
 * <p>{@link #consumeCounted} is the port's default, two calls: the counters live in another
 * collection and the emulator and many deployments have no multi-document transaction.
 */
public final class MongoMeterLedger implements MeterLedger {

    private static final String ID = "_id";
    private static final String METER = "meter";
    private static final String PERIOD = "period";
    private static final String USED = "used";
    private static final String TOP_UP = "topUp";
    /** Rounds of one call at most: one runs again only when another call changed the balance in between. */
    private static final int ROUNDS = 1000;

    /**
     * Updates answer the document as it was before them, and the call computes the balance after
     * from it: the image before is the one the server matched and changed, while the image after
     * may (on the emulator) be read again once a concurrent update changed it further.
     */
    private static final FindOneAndUpdateOptions BEFORE = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);

    /** A balance document's values, and the arithmetic the updates apply to them. */
    private record Row(long period, long used, long topUp) {

        static Row of(Document document) {
            return new Row(document.getLong(PERIOD), document.getLong(USED), document.getLong(TOP_UP));
        }

        /** The row as of {@code namedPeriod}: a newer period has nothing used. */
        Row reset(long namedPeriod) {
            return period < namedPeriod ? new Row(namedPeriod, 0, topUp) : this;
        }

        Row addTopUp(long amount) {
            return new Row(period, used, topUp + amount);
        }

        /** After a take of {@code cost} that the row covers: the allowance first, the top-up after it. */
        Row take(long namedPeriod, long amount, long cost) {
            Row current = reset(namedPeriod);
            long fromAllowance = Math.min(cost, Math.max(0, amount - current.used));
            return new Row(current.period, current.used + fromAllowance, current.topUp - (cost - fromAllowance));
        }

        MeterBalance balance(PeriodAllowance allowance) {
            return new MeterBalance(Fields.instant(period), Math.max(0, allowance.amount() - used), topUp);
        }
    }

    private final MongoCollection<Document> balances;

    public MongoMeterLedger(MongoDatabase database) {
        this.balances = Objects.requireNonNull(database, "database").getCollection(Collections.BALANCES);
        MongoCalls.run("create the balance indexes", () ->
                balances.createIndex(Indexes.ascending(Collections.TENANT, Collections.USER)));
    }

    @Override
    public Consumption consume(UserRef user, MeterName meter, long cost, PeriodAllowance allowance) {
        PeriodAllowance named = check(user, meter, allowance);
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1");
        }
        String id = id(user, meter);
        long period = Fields.micros(named.periodStart());
        long amount = named.amount();
        return MongoCalls.call("consume meter", () -> {
            if (cost <= amount) {
                Document before = balances.findOneAndUpdate(Filters.and(Filters.eq(ID, id), Filters.gte(PERIOD, period),
                        Filters.lte(USED, amount - cost)), Updates.inc(USED, cost), BEFORE);
                if (before != null) {
                    return Consumption.taken(Row.of(before).take(period, amount, cost).balance(named));
                }
            }
            for (int round = 0; round < ROUNDS; round++) {
                Document stored = balances.find(Filters.eq(ID, id)).first();
                if (stored == null) {
                    if (cost > amount) {
                        return Consumption.insufficient(named.unused());
                    }
                    if (insert(user, meter, id, period, cost, 0)) {
                        return Consumption.taken(new MeterBalance(named.periodStart(), amount - cost, 0));
                    }
                    continue;
                }
                MeterBalance left = balance(stored, named);
                if (left.total() < cost) {
                    return Consumption.insufficient(left);
                }
                Document before = balances.findOneAndUpdate(Filters.and(Filters.eq(ID, id), takeCase(stored, period, amount, cost)),
                        takeUpdate(stored, period, amount, cost), BEFORE);
                if (before != null) {
                    // the filter held on the image before, so the update did what take computes from it
                    return Consumption.taken(Row.of(before).take(period, amount, cost).balance(named));
                }
            }
            throw new StoreUnavailableException("MongoDB store: the meter's balance kept changing during " + ROUNDS + " rounds of one take");
        });
    }

    /** The filter of the case {@code stored} is in for a take of {@code cost}: it holds while the case does. */
    private static Bson takeCase(Document stored, long period, long amount, long cost) {
        long storedPeriod = stored.getLong(PERIOD);
        long used = stored.getLong(USED);
        if (storedPeriod < period) {
            return cost <= amount ? Filters.lt(PERIOD, period)
                    : Filters.and(Filters.lt(PERIOD, period), Filters.gte(TOP_UP, cost - amount));
        }
        Bson samePeriod = Filters.gte(PERIOD, period);
        if (cost <= amount && used <= amount - cost) {
            return Filters.and(samePeriod, Filters.lte(USED, amount - cost));
        }
        if (used >= amount) {
            return Filters.and(samePeriod, Filters.gte(USED, amount), Filters.gte(TOP_UP, cost));
        }
        return Filters.and(samePeriod, Filters.eq(USED, used), Filters.gte(TOP_UP, cost - (amount - used)));
    }

    /** The update of the case {@link #takeCase} chose: the take's arithmetic as {@code $set} and {@code $inc}. */
    private static Bson takeUpdate(Document stored, long period, long amount, long cost) {
        long storedPeriod = stored.getLong(PERIOD);
        long used = stored.getLong(USED);
        if (storedPeriod < period) {
            long fromAllowance = Math.min(cost, amount);
            return Updates.combine(Updates.set(PERIOD, period), Updates.set(USED, fromAllowance),
                    Updates.inc(TOP_UP, -(cost - fromAllowance)));
        }
        if (cost <= amount && used <= amount - cost) {
            return Updates.inc(USED, cost);
        }
        if (used >= amount) {
            return Updates.inc(TOP_UP, -cost);
        }
        return Updates.combine(Updates.set(USED, amount), Updates.inc(TOP_UP, -(cost - (amount - used))));
    }

    @Override
    public MeterBalance topUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance named = check(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        String id = id(user, meter);
        long period = Fields.micros(named.periodStart());
        Bson room = Filters.lte(TOP_UP, Long.MAX_VALUE - amount);
        return MongoCalls.call("top up meter", () -> {
            for (int round = 0; round < ROUNDS; round++) {
                Document before = addToTopUp(id, period, room, amount);
                if (before != null) {
                    return Row.of(before).reset(period).addTopUp(amount).balance(named);
                }
                Document stored = balances.find(Filters.eq(ID, id)).first();
                if (stored == null) {
                    if (insert(user, meter, id, period, 0, amount)) {
                        return new MeterBalance(named.periodStart(), named.amount(), amount);
                    }
                } else if (stored.getLong(TOP_UP) > Long.MAX_VALUE - amount) {
                    throw new ArithmeticException("the top-up would pass " + Long.MAX_VALUE);
                }
            }
            throw new StoreUnavailableException("MongoDB store: the meter's balance kept changing during " + ROUNDS + " rounds of one top-up");
        });
    }

    @Override
    public Consumption deductTopUp(UserRef user, MeterName meter, long amount, PeriodAllowance allowance) {
        PeriodAllowance named = check(user, meter, allowance);
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        String id = id(user, meter);
        long period = Fields.micros(named.periodStart());
        Bson covered = Filters.gte(TOP_UP, amount);
        return MongoCalls.call("deduct top-up", () -> {
            for (int round = 0; round < ROUNDS; round++) {
                Document before = addToTopUp(id, period, covered, -amount);
                if (before != null) {
                    return Consumption.taken(Row.of(before).reset(period).addTopUp(-amount).balance(named));
                }
                Document stored = balances.find(Filters.eq(ID, id)).first();
                if (stored == null) {
                    return Consumption.insufficient(named.unused());
                }
                if (stored.getLong(TOP_UP) < amount) {
                    return Consumption.insufficient(balance(stored, named));
                }
            }
            throw new StoreUnavailableException("MongoDB store: the meter's balance kept changing during " + ROUNDS + " rounds of one deduction");
        });
    }

    /**
     * Adds {@code delta} to the top-up of the balance {@code id} where {@code condition} holds: one
     * conditional update in the current period, else one that also starts the period (its use
     * back to 0). The balance as it was before the update that matched, or null when neither did.
     */
    private Document addToTopUp(String id, long period, Bson condition, long delta) {
        Document before = balances.findOneAndUpdate(Filters.and(Filters.eq(ID, id), Filters.gte(PERIOD, period), condition),
                Updates.inc(TOP_UP, delta), BEFORE);
        if (before != null) {
            return before;
        }
        return balances.findOneAndUpdate(Filters.and(Filters.eq(ID, id), Filters.lt(PERIOD, period), condition),
                Updates.combine(Updates.set(PERIOD, period), Updates.set(USED, 0L), Updates.inc(TOP_UP, delta)), BEFORE);
    }

    @Override
    public MeterBalance balance(UserRef user, MeterName meter, PeriodAllowance allowance) {
        PeriodAllowance named = check(user, meter, allowance);
        String id = id(user, meter);
        return MongoCalls.call("read meter", () -> {
            Document stored = balances.find(Filters.eq(ID, id)).first();
            return stored == null ? named.unused() : balance(stored, named);
        });
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        Bson filter = Filters.and(Filters.eq(Collections.TENANT, user.tenant().value()),
                Filters.eq(Collections.USER, Fields.id(user.id().value())));
        return MongoCalls.call("delete meters", () -> Math.toIntExact(balances.deleteMany(filter).getDeletedCount()));
    }

    /** Inserts a first balance; false when another call inserted it first. */
    private boolean insert(UserRef user, MeterName meter, String id, long period, long used, long topUp) {
        try {
            balances.insertOne(new Document(ID, id)
                    .append(Collections.TENANT, user.tenant().value())
                    .append(Collections.USER, Fields.id(user.id().value()))
                    .append(METER, meter.value())
                    .append(PERIOD, period)
                    .append(USED, used)
                    .append(TOP_UP, topUp));
            return true;
        } catch (MongoException e) {
            if (MongoCalls.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The balance of {@code stored} as of {@code allowance}: a newer period named has nothing used. */
    private static MeterBalance balance(Document stored, PeriodAllowance allowance) {
        long storedPeriod = stored.getLong(PERIOD);
        long topUp = stored.getLong(TOP_UP);
        if (storedPeriod < Fields.micros(allowance.periodStart())) {
            return new MeterBalance(allowance.periodStart(), allowance.amount(), topUp);
        }
        long used = stored.getLong(USED);
        return new MeterBalance(Fields.instant(storedPeriod), Math.max(0, allowance.amount() - used), topUp);
    }

    private static String id(UserRef user, MeterName meter) {
        return user.tenant().value() + "|" + Fields.id(user.id().value()) + "|" + meter.value();
    }

    /** Checks the arguments; answers the allowance with its period start as stored, to the microsecond. */
    private static PeriodAllowance check(UserRef user, MeterName meter, PeriodAllowance allowance) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(allowance, "allowance");
        return PeriodAllowance.of(allowance.periodStart().truncatedTo(ChronoUnit.MICROS), allowance.amount());
    }
}
