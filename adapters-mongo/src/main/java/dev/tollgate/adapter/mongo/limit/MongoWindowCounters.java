package dev.tollgate.adapter.mongo.limit;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Window counters in {@code tg_counters}, one document per key:
 * {@code {_id: key, count, end, expireAt}}, {@code end} the window's end in microseconds and
 * {@code expireAt} the same moment as a BSON date for a TTL index, which lets the server remove
 * counters whose window has ended. Nothing depends on that removal: a window whose {@code end}
 * is not after {@code now} counts as closed whether its document is still there or not.
 *
 * <p>{@link #tryAcquire} is atomic per key without a transaction, as at most two conditional
 * single-document writes:
 * <ol>
 * <li>{@code findOneAndUpdate} matching the key only while its window is open at {@code now}
 *     and its count is below the limit, {@code $inc count}: granted with the count after it;</li>
 * <li>otherwise {@code findOneAndUpdate} with upsert matching the key only while its window has
 *     ended, {@code $set} a new window of count 1: granted with count 1. When the key's window is
 *     open (so full), the upsert's insert collides with the document on {@code _id} (a
 *     duplicate key); the call then reads the window: still open and full, it is refused with
 *     that window's count and end; otherwise (another call opened a window in between, or two
 *     first calls raced to insert) it runs again from step 1.</li>
 * </ol>
 * The server applies each filter and update as one step, so concurrent calls never grant more
 * than the limit in one window, and every granted call sees a count of its own.
 */
public final class MongoWindowCounters implements WindowCounters {

    private static final String ID = "_id";
    private static final String COUNT = "count";
    private static final String END = "end";
    private static final String EXPIRE_AT = "expireAt";
    /**
     * Rounds of the two steps at most: a round runs again only when another call changed the key
     * in between (a window opened, or a first insert won), so a few always suffice.
     */
    private static final int ROUNDS = 16;

    /**
     * Updates answer the document as it was before them, and the call adds its own change: the
     * image before is the one the server matched and changed, while the image after may (on the
     * emulator) be read again once a concurrent update changed it further.
     */
    private static final FindOneAndUpdateOptions BEFORE = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);
    private static final FindOneAndUpdateOptions UPSERT = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.BEFORE).upsert(true);

    private final MongoCollection<Document> counters;

    public MongoWindowCounters(MongoDatabase database) {
        this.counters = Objects.requireNonNull(database, "database").getCollection(Collections.COUNTERS);
        MongoCalls.run("create the window counter indexes", () -> counters.createIndex(Indexes.ascending(EXPIRE_AT),
                new IndexOptions().expireAfter(0L, TimeUnit.SECONDS)));
    }

    @Override
    public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(now, "now");
        long at = Fields.micros(now);
        Instant resetsAt = now.plus(limit.window());
        long end = Fields.micros(resetsAt);
        return MongoCalls.call("count a call in its window", () -> {
            for (int round = 0; round < ROUNDS; round++) {
                Document counted = counters.findOneAndUpdate(
                        Filters.and(Filters.eq(ID, key.value()), Filters.gt(END, at), Filters.lt(COUNT, limit.limit())),
                        Updates.inc(COUNT, 1), BEFORE);
                if (counted != null) {
                    return Acquisition.granted(counted.getInteger(COUNT) + 1, Fields.instant(counted.getLong(END)));
                }
                Bson open = Updates.combine(Updates.set(COUNT, 1), Updates.set(END, end),
                        Updates.set(EXPIRE_AT, Fields.expiry(resetsAt)));
                try {
                    counters.findOneAndUpdate(Filters.and(Filters.eq(ID, key.value()), Filters.lte(END, at)), open, UPSERT);
                    return Acquisition.granted(1, resetsAt);
                } catch (MongoException e) {
                    if (!MongoCalls.isDuplicateKey(e)) {
                        throw e;
                    }
                }
                Document window = counters.find(Filters.eq(ID, key.value())).first();
                if (window != null && window.getLong(END) > at && window.getInteger(COUNT) >= limit.limit()) {
                    return Acquisition.refused(window.getInteger(COUNT), Fields.instant(window.getLong(END)));
                }
            }
            throw new StoreUnavailableException("MongoDB store: the window counter kept changing during " + ROUNDS + " rounds of one call");
        });
    }

    @Override
    public Optional<OpenWindow> current(CounterKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        long at = Fields.micros(now);
        return MongoCalls.call("read a window counter", () -> Optional.ofNullable(
                counters.find(Filters.and(Filters.eq(ID, key.value()), Filters.gt(END, at))).first())
                .map(window -> new OpenWindow(window.getInteger(COUNT), Fields.instant(window.getLong(END)))));
    }
}
