package dev.tollgate.adapter.mongo.metering;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UsageContext;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.LoggedUsage;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.UsageDay;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsagePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The usage log in {@code tg_usage_events} and {@code tg_usage_daily}.
 *
 * <p>An event is {@code {_id: id, tenant, user, key, meter, cost, outcome, at, batch,
 * requestId?, tags?}}: {@code _id} a long from a sequence (the document
 * {@code {_id: "sequence", next}} of the same collection, which no event filter matches, as it
 * has no tenant), {@code at} microseconds, {@code batch} the first id of its append,
 * {@code tags} a list of {@code {name, value}} in name order (names may hold dots, which field
 * names should not), both absent when the service gave none. A user's events page newest first
 * by {@code (at, _id)} over the index {@code (tenant, user, at, _id)}; purges use
 * {@code (tenant, at)}.
 *
 * <p>An aggregate is {@code {_id: "<tenant>|<user>|<day>|<key>|<meter>", tenant, user, day, key,
 * meter, calls, granted, units, batches}} (the fields the statistics read, and the ids of the
 * last {@value #BATCHES_KEPT} appends that counted in it); only the meter, last in the
 * {@code _id}, is free text, so the {@code _id} is unique. Days are ISO text, which sorts as days
 * do for the years of a {@link UsageDay}.
 *
 * <p>An append, with no multi-document transaction:
 * <ol>
 * <li>checks the batch and sums its aggregates in Java (a day beyond the usage days or a sum past
 *     {@link Long#MAX_VALUE} is refused before anything is written);</li>
 * <li>reserves the batch's ids with one {@code $inc} of the sequence: the batch's id is its first;</li>
 * <li>inserts the events ({@code insertMany});</li>
 * <li>adds to the aggregates with one unordered {@code bulkWrite} of upserts, each
 *     {@code $inc} of the counts with {@code $push} of the batch id, filtered on the batch id
 *     not being there yet and on the counts having room ({@code calls <= MAX - added},
 *     {@code units} alike). Where the filter misses a stored aggregate the upsert's insert
 *     collides on {@code _id}; the call then reads that aggregate: counted this batch already
 *     (nothing to do), too full (the batch overflows) or neither (a concurrent first insert won:
 *     the upsert is sent again). {@code $inc} is atomic, so concurrent appends lose no count.</li>
 * </ol>
 * When a step fails (the database, or an aggregate that would pass {@link Long#MAX_VALUE}) the
 * append undoes what it did before throwing: it takes its counts back from every aggregate that
 * names its batch ({@code $inc} of the negated counts with {@code $pull} of the id, filtered on
 * the id being there, so an undo never takes back what was not added and never twice), removes
 * aggregates left at zero calls, and removes its events by their id range. So a refused or failed
 * append stores nothing, and the sink's writer, which sends a failed batch again, counts it
 * once.
 *
 * <p>Events are written before aggregates, by choice: what a crash of the process between the
 * two (or an undo that cannot reach the database) leaves is events stored whose counts are
 * missing from some or all of their aggregates, never counts without the events that explain
 * them. Such a batch is found by its {@code batch} id: its events carry it, and the aggregates it
 * counted in list it while they remember it (the last {@value #BATCHES_KEPT} appends of each), so
 * the missing counts can be added from the events as long as neither is gone. Nothing does that
 * on its own; after such a crash, daily aggregates may under-count until repaired, and a batch
 * whose undo failed and that the writer then sends again is stored twice in the events (and
 * partly twice in the aggregates).
 *
 * <p>One more gap, of the same kind: an undo finds its counts by the batch id the aggregate
 * remembers. If more than {@value #BATCHES_KEPT} other appends (of other processes: one process
 * writes one batch at a time) reached the same aggregate between a failed append's write and its
 * undo, its id is gone from that aggregate, the undo leaves its counts there, and the writer's
 * resend counts them a second time. A multi-document transaction would close both gaps; this
 * store keeps to single-document writes so that a standalone server works.
 */
public final class MongoUsageLog implements UsageLog {

    private static final String ID = "_id";
    private static final String KEY = "key";
    private static final String METER = "meter";
    private static final String COST = "cost";
    private static final String OUTCOME = "outcome";
    private static final String AT = "at";
    private static final String BATCH = "batch";
    private static final String REQUEST_ID = "requestId";
    private static final String TAGS = "tags";
    private static final String TAG_NAME = "name";
    private static final String TAG_VALUE = "value";
    private static final String SEQUENCE = "sequence";
    private static final String NEXT = "next";
    private static final String BATCHES = "batches";
    /** The appends an aggregate remembers: enough for any append to find its own id while it runs or undoes. */
    private static final int BATCHES_KEPT = 64;
    /** Rounds of upserts at most: a round runs again only for aggregates whose first insert a concurrent append won. */
    private static final int ROUNDS = 16;

    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };
    private static final Comparator<DailyUsage> DAILY_ORDER = Comparator.comparing(DailyUsage::day)
            .thenComparing(DailyUsage::meter, MeterName.ORDER)
            .thenComparing(usage -> usage.key().value(), UNSIGNED);

    /** One aggregate's row. */
    private record Aggregate(String tenant, String user, String day, String key, String meter) {

        String id() {
            return tenant + "|" + user + "|" + day + "|" + key + "|" + meter;
        }
    }

    private record Counts(long calls, long granted, long units) {

        static Counts of(UsageEvent event) {
            return event.granted() ? new Counts(1, 1, event.cost()) : new Counts(1, 0, 0);
        }

        /** Throws {@link ArithmeticException} when a count would pass {@link Long#MAX_VALUE}. */
        Counts plus(Counts other) {
            return new Counts(Math.addExact(calls, other.calls), Math.addExact(granted, other.granted),
                    Math.addExact(units, other.units));
        }
    }

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> daily;

    public MongoUsageLog(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.events = database.getCollection(Collections.USAGE_EVENTS);
        this.daily = database.getCollection(Collections.USAGE_DAILY);
        MongoCalls.run("create the usage indexes", () -> {
            events.createIndex(Indexes.ascending(Collections.TENANT, Collections.USER, AT, ID));
            events.createIndex(Indexes.ascending(Collections.TENANT, AT));
            daily.createIndex(Indexes.ascending(Collections.TENANT, Collections.USER, Collections.DAILY_DAY));
            // the statistics' tenant-wide day ranges
            daily.createIndex(Indexes.ascending(Collections.TENANT, Collections.DAILY_DAY));
        });
    }

    @Override
    public void append(List<UsageEvent> events, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        List<UsageEvent> batch = List.copyOf(Objects.requireNonNull(events, "events"));
        Map<Aggregate, Counts> aggregates = new LinkedHashMap<>();
        for (UsageEvent event : batch) {
            aggregates.merge(new Aggregate(event.user().tenant().value(), Fields.id(event.user().id().value()),
                    UsageDay.of(event.at(), zone).toString(), Fields.id(event.key().value()), event.meter()),
                    Counts.of(event), Counts::plus);
        }
        if (batch.isEmpty()) {
            return;
        }
        long first = reserve(batch.size());
        long last = first + batch.size() - 1;
        List<Document> documents = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            documents.add(document(first + i, first, batch.get(i)));
        }
        try {
            MongoCalls.run("append usage events", () -> this.events.insertMany(documents,
                    new InsertManyOptions().ordered(false)));
            MongoCalls.run("add to the usage aggregates", () -> addToAggregates(first, aggregates));
        } catch (RuntimeException e) {
            try {
                undo(first, last, aggregates);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    /** Reserves {@code count} ids of the sequence; answers the first. */
    private long reserve(int count) {
        return MongoCalls.call("reserve usage event ids", () -> {
            // the image before the $inc is the one the server changed (the emulator may read the one
            // after again, with a concurrent append's $inc in it); none: this append made the sequence
            Document before;
            try {
                before = events.findOneAndUpdate(Filters.eq(ID, SEQUENCE), Updates.inc(NEXT, (long) count),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw e;
                }
                // two first appends raced to make the sequence: it exists now
                before = events.findOneAndUpdate(Filters.eq(ID, SEQUENCE), Updates.inc(NEXT, (long) count),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
            }
            return before == null ? 1 : before.getLong(NEXT) + 1;
        });
    }

    /**
     * Adds the batch's counts to its aggregates, at most once each (the batch id guards them);
     * throws {@link ArithmeticException} when one would pass {@link Long#MAX_VALUE}.
     */
    private void addToAggregates(long batchId, Map<Aggregate, Counts> aggregates) {
        List<Map.Entry<Aggregate, Counts>> pending = new ArrayList<>(aggregates.entrySet());
        for (int round = 0; round < ROUNDS && !pending.isEmpty(); round++) {
            List<WriteModel<Document>> upserts = new ArrayList<>(pending.size());
            for (Map.Entry<Aggregate, Counts> entry : pending) {
                upserts.add(upsert(batchId, entry.getKey(), entry.getValue()));
            }
            List<Map.Entry<Aggregate, Counts>> again = new ArrayList<>();
            try {
                daily.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    Map.Entry<Aggregate, Counts> entry = pending.get(error.getIndex());
                    Document stored = daily.find(Filters.eq(ID, entry.getKey().id())).first();
                    if (stored == null || counted(stored, batchId)) {
                        if (stored == null) {
                            again.add(entry);
                        }
                        continue;
                    }
                    Counts counts = entry.getValue();
                    if (stored.getLong(Collections.DAILY_CALLS) > Long.MAX_VALUE - counts.calls()
                            || stored.getLong(Collections.DAILY_UNITS) > Long.MAX_VALUE - counts.units()) {
                        throw new ArithmeticException("usage of a key and meter on a day of this batch would pass "
                                + Long.MAX_VALUE);
                    }
                    again.add(entry);
                }
            }
            pending = again;
        }
        if (!pending.isEmpty()) {
            throw new StoreUnavailableException("MongoDB store: usage aggregates kept changing during " + ROUNDS + " rounds of one append");
        }
    }

    private static UpdateOneModel<Document> upsert(long batchId, Aggregate aggregate, Counts counts) {
        Bson filter = Filters.and(Filters.eq(ID, aggregate.id()),
                Filters.lte(Collections.DAILY_CALLS, Long.MAX_VALUE - counts.calls()),
                Filters.lte(Collections.DAILY_UNITS, Long.MAX_VALUE - counts.units()),
                Filters.ne(BATCHES, batchId));
        Bson update = Updates.combine(
                Updates.setOnInsert(Collections.TENANT, aggregate.tenant()),
                Updates.setOnInsert(Collections.USER, aggregate.user()),
                Updates.setOnInsert(Collections.DAILY_DAY, aggregate.day()),
                Updates.setOnInsert(Collections.DAILY_KEY, aggregate.key()),
                Updates.setOnInsert(Collections.DAILY_METER, aggregate.meter()),
                Updates.inc(Collections.DAILY_CALLS, counts.calls()),
                Updates.inc(Collections.DAILY_GRANTED, counts.granted()),
                Updates.inc(Collections.DAILY_UNITS, counts.units()),
                Updates.pushEach(BATCHES, List.of(batchId), new PushOptions().slice(-BATCHES_KEPT)));
        return new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true));
    }

    private static boolean counted(Document aggregate, long batchId) {
        List<?> batches = aggregate.getList(BATCHES, Object.class);
        return batches != null && batches.stream().anyMatch(id -> id instanceof Number n && n.longValue() == batchId);
    }

    /** Takes back what the batch added (only where its id shows it did), then its events. */
    private void undo(long batchId, long lastId, Map<Aggregate, Counts> aggregates) {
        MongoCalls.run("undo a failed usage append", () -> {
            for (Map.Entry<Aggregate, Counts> entry : aggregates.entrySet()) {
                Counts counts = entry.getValue();
                String id = entry.getKey().id();
                daily.updateOne(Filters.and(Filters.eq(ID, id), Filters.eq(BATCHES, batchId)), Updates.combine(
                        Updates.inc(Collections.DAILY_CALLS, -counts.calls()),
                        Updates.inc(Collections.DAILY_GRANTED, -counts.granted()),
                        Updates.inc(Collections.DAILY_UNITS, -counts.units()),
                        Updates.pull(BATCHES, batchId)));
                // every append adds at least one call: zero calls is an aggregate only this batch made
                daily.deleteOne(Filters.and(Filters.eq(ID, id), Filters.eq(Collections.DAILY_CALLS, 0L)));
            }
            events.deleteMany(Filters.and(Filters.gte(ID, batchId), Filters.lte(ID, lastId)));
        });
    }

    private static Document document(long id, long batchId, UsageEvent event) {
        Document document = new Document(ID, id)
                .append(Collections.TENANT, event.user().tenant().value())
                .append(Collections.USER, Fields.id(event.user().id().value()))
                .append(KEY, Fields.id(event.key().value()))
                .append(METER, event.meter())
                .append(COST, event.cost())
                .append(OUTCOME, event.outcome())
                .append(AT, Fields.micros(event.at()))
                .append(BATCH, batchId);
        event.context().requestId().ifPresent(requestId -> document.append(REQUEST_ID, requestId));
        if (!event.context().tags().isEmpty()) {
            List<Document> tags = new ArrayList<>();
            event.context().tags().forEach((name, value) -> tags.add(new Document(TAG_NAME, name).append(TAG_VALUE, value)));
            document.append(TAGS, tags);
        }
        return document;
    }

    @Override
    public List<DailyUsage> daily(UserRef user, DayRange days) {
        Bson ofUser = ofUser(user);
        // beyond the usage days ISO text gains a sign and stops sorting as days do; no day is stored there
        Optional<DayRange> stored = Objects.requireNonNull(days, "days").ofUsageDays();
        if (stored.isEmpty()) {
            return List.of();
        }
        Bson filter = Filters.and(ofUser, Filters.gte(Collections.DAILY_DAY, stored.get().from().toString()),
                Filters.lte(Collections.DAILY_DAY, stored.get().to().toString()));
        List<DailyUsage> found = MongoCalls.call("read daily usage", () -> daily.find(filter)
                .map(row -> new DailyUsage(user, LocalDate.parse(row.getString(Collections.DAILY_DAY)),
                        new ApiKeyId(Fields.uuid(row.getString(Collections.DAILY_KEY))),
                        row.getString(Collections.DAILY_METER), row.getLong(Collections.DAILY_CALLS),
                        row.getLong(Collections.DAILY_GRANTED), row.getLong(Collections.DAILY_UNITS)))
                .into(new ArrayList<>()));
        // sorted here: code point order of meters and unsigned keys, whatever the server's string order
        found.sort(DAILY_ORDER);
        return found;
    }

    @Override
    public List<UsageEvent> recent(UserRef user, int limit) {
        Bson filter = ofUser(user);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return MongoCalls.call("read usage events", () -> events.find(filter)
                .sort(Sorts.descending(AT, ID))
                .limit(limit)
                .map(MongoUsageLog::read)
                .into(new ArrayList<>()));
    }

    @Override
    public List<LoggedUsage> page(UserRef user, Optional<UsagePosition> after, int limit) {
        Bson ofUser = ofUser(user);
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
        }
        Bson filter = after.map(position -> {
            long at = Fields.micros(position.at());
            return Filters.and(ofUser, Filters.or(Filters.lt(AT, at),
                    Filters.and(Filters.eq(AT, at), Filters.lt(ID, position.id()))));
        }).orElse(ofUser);
        return MongoCalls.call("read a page of usage events", () -> events.find(filter)
                .sort(Sorts.descending(AT, ID))
                .limit(limit)
                .map(row -> new LoggedUsage(row.getLong(ID), read(row)))
                .into(new ArrayList<>()));
    }

    @Override
    public int purgeEventsBefore(TenantId tenant, Instant cutoff) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(cutoff, "cutoff");
        Bson filter = Filters.and(Filters.eq(Collections.TENANT, tenant.value()), Filters.lt(AT, Fields.micros(cutoff)));
        return MongoCalls.call("purge usage events", () -> Math.toIntExact(events.deleteMany(filter).getDeletedCount()));
    }

    @Override
    public int deleteAll(UserRef user) {
        Bson filter = ofUser(user);
        return MongoCalls.call("delete usage", () -> Math.toIntExact(events.deleteMany(filter).getDeletedCount()
                + daily.deleteMany(filter).getDeletedCount()));
    }

    private static Bson ofUser(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Filters.and(Filters.eq(Collections.TENANT, user.tenant().value()),
                Filters.eq(Collections.USER, Fields.id(user.id().value())));
    }

    private static UsageEvent read(Document row) {
        Map<String, String> tags = new TreeMap<>();
        List<Document> stored = row.getList(TAGS, Document.class);
        if (stored != null) {
            stored.forEach(tag -> tags.put(tag.getString(TAG_NAME), tag.getString(TAG_VALUE)));
        }
        return new UsageEvent(
                new UserRef(TenantId.of(row.getString(Collections.TENANT)), new UserId(Fields.uuid(row.getString(Collections.USER)))),
                new ApiKeyId(Fields.uuid(row.getString(KEY))),
                row.getString(METER),
                row.getLong(COST),
                row.getString(OUTCOME),
                Fields.instant(row.getLong(AT)),
                UsageContext.of(row.getString(REQUEST_ID), tags));
    }
}
