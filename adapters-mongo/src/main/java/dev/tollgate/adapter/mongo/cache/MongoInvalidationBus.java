package dev.tollgate.adapter.mongo.cache;

import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Cache invalidations between the processes on one MongoDB database, through the collection
 * {@code tg_invalidations}: a notice is a document stamped with the <em>server's</em> time
 * ({@code $currentDate}, so the clocks of the processes do not matter), and every bus reads the
 * notices stamped since shortly before the newest it has seen, every {@link #POLL_EVERY}.
 * Change streams would push instead, but they need a replica set, which neither a standalone
 * server nor the in-JVM emulator the tests use offers; polling works on every deployment.
 *
 * <p>One daemon thread reads, then sends what {@link #publish} queued (one bulk write for all of it). A notice committed late (after newer ones were read) is still read: each read
 * reaches back {@link #OVERLAP} before the newest stamp seen, and the ids read in that span are
 * remembered so nothing is handed out twice. When a send or a read fails, the bus is not
 * {@link #connected()} until one succeeds again, and then hands every listener
 * {@link Invalidation#everything()} first; it also stops saying so when no read has succeeded for
 * three seconds (a read or a send that hangs). A notice it cannot decode (a newer Tollgate's form)
 * counts as {@link Invalidation#everything()}. Notices older than {@link #KEEP} are removed (a TTL
 * index too, on servers that honour it).
 */
public final class MongoInvalidationBus implements InvalidationBus {

    /** How often the collection is read for new notices. */
    public static final Duration POLL_EVERY = Duration.ofMillis(100);
    /** How far before the newest stamp seen each read reaches back, for notices committed late. */
    public static final Duration OVERLAP = Duration.ofSeconds(5);
    /** How long notices are kept. */
    public static final Duration KEEP = Duration.ofMinutes(5);

    private static final System.Logger LOG = System.getLogger(MongoInvalidationBus.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final Duration FIRST_READ_PATIENCE = Duration.ofSeconds(5);
    private static final int MAX_QUEUED = 10_000;
    private static final int MAX_BATCH = 500;
    private static final String NOTICE = "notice";
    private static final String AT = "at";
    /**
     * How long after its last good read the bus still says it is connected: a read or a send that
     * hangs (a send waits at most {@link #SEND_TIMEOUT_MILLIS} for the majority) is noticed within it.
     */
    private static final Duration FRESH_FOR = Duration.ofSeconds(3);
    /** How long a send waits for the majority; past it the send counts as failed and is tried again. */
    private static final long SEND_TIMEOUT_MILLIS = 2_000;

    private final MongoCollection<Document> notices;
    private final CopyOnWriteArrayList<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Invalidation> outbox = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final CountDownLatch firstRead = new CountDownLatch(1);
    /** Ids read within the overlap, with their stamps: what a read must not hand out again. */
    private final Map<ObjectId, Date> seen = new HashMap<>();
    private final Thread worker;
    private Date newest;
    private long nextPurge;
    private boolean missed;
    private volatile boolean reading;
    private volatile long lastRead;
    private volatile boolean closed;

    private MongoInvalidationBus(MongoDatabase database) {
        this.notices = database.getCollection(Collections.INVALIDATIONS)
                .withWriteConcern(WriteConcern.MAJORITY.withWTimeout(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        this.worker = new Thread(this::run, "tollgate-invalidation-mongo");
        worker.setDaemon(true);
        worker.start();
        try {
            // not reading by then, it goes on trying in the background, and lookups read the store meanwhile
            firstRead.await(FIRST_READ_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bus on {@code database} (the stores' database), reading and sending on a thread of its own. */
    public static MongoInvalidationBus on(MongoDatabase database) {
        return new MongoInvalidationBus(Objects.requireNonNull(database, "database"));
    }

    @Override
    public void publish(Invalidation invalidation) {
        Objects.requireNonNull(invalidation, "invalidation");
        if (closed) {
            return;
        }
        if (!outbox.offer(invalidation)) {
            // the database has been out of reach for long: one notice of everything says it all
            overflowed.set(true);
        }
    }

    @Override
    public Listening subscribe(Consumer<Invalidation> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public boolean connected() {
        return reading && !overflowed.get() && !closed && System.nanoTime() - lastRead < FRESH_FOR.toNanos();
    }

    @Override
    public void close() {
        closed = true;
        reading = false;
        listeners.clear();
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try {
                // read first: the first read only learns where the collection stands, and must not swallow our own notices
                read();
                lastRead = System.nanoTime();
                send();
                purgeWhenDue();
                if (!reading) {
                    reading = true;
                    if (missed) {
                        deliver(Invalidation.everything());
                    }
                }
                firstRead.countDown();
                Thread.sleep(POLL_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (reading) {
                    LOG.log(Level.WARNING, "invalidation bus: reading or sending notices failed (" + e.getClass().getSimpleName()
                            + "); cached lookups are not used until it works again");
                }
                reading = false;
                missed = true;
                try {
                    Thread.sleep(Math.max(POLL_EVERY.toMillis(), 500));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Writes the queued notices, stamped with the server's time, in one bulk write. */
    private void send() {
        if (overflowed.get()) {
            outbox.clear();
            outbox.offer(Invalidation.everything());
        }
        List<Invalidation> batch = new ArrayList<>();
        outbox.drainTo(batch, MAX_BATCH);
        if (batch.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(batch.size());
        for (Invalidation notice : batch) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", new ObjectId()),
                    Updates.combine(Updates.set(NOTICE, notice.encode()), Updates.currentDate(AT)),
                    new UpdateOptions().upsert(true)));
        }
        try {
            notices.bulkWrite(writes);
            overflowed.set(false);
        } catch (MongoException e) {
            // kept for the next attempt, in front of what queued meanwhile (or replaced by everything)
            List<Invalidation> again = new ArrayList<>(batch);
            outbox.drainTo(again);
            for (Invalidation notice : again) {
                if (!outbox.offer(notice)) {
                    overflowed.set(true);
                }
            }
            throw e;
        }
    }

    /** Hands out the notices stamped since the overlap before the newest seen, each once. */
    private void read() {
        boolean first = newest == null;
        List<Document> found = new ArrayList<>();
        (first ? notices.find() : notices.find(Filters.gte(AT, new Date(newest.getTime() - OVERLAP.toMillis()))))
                .projection(Projections.include(AT, NOTICE)).sort(Sorts.ascending(AT)).into(found);
        for (Document document : found) {
            Object id = document.get("_id");
            Date at = document.get(AT) instanceof Date date ? date : null;
            if (!(id instanceof ObjectId)) {
                continue;
            }
            if (at == null || seen.containsKey(id)) {
                // without a date stamp a document is no notice of ours: the reads by time never meet it again
                continue;
            }
            seen.put((ObjectId) id, at);
            if (newest == null || at.after(newest)) {
                newest = at;
            }
            if (!first) {
                // the first read only learns where the collection stands: this process held nothing before it
                deliver(decoded(document));
            }
        }
        if (newest != null) {
            long horizon = newest.getTime() - OVERLAP.toMillis();
            seen.values().removeIf(at -> at.getTime() < horizon);
        } else if (first) {
            newest = new Date(0);
        }
    }

    /** The notice a document carries; one this bus cannot read may have meant anything, so it means everything. */
    private static Invalidation decoded(Document document) {
        Object notice = document.get(NOTICE);
        if (notice instanceof String wire) {
            try {
                return Invalidation.decode(wire);
            } catch (RuntimeException unreadable) {
                return Invalidation.everything();
            }
        }
        return Invalidation.everything();
    }

    private void purgeWhenDue() {
        long now = System.nanoTime();
        if (nextPurge != 0 && now - nextPurge < 0) {
            return;
        }
        if (nextPurge == 0) {
            notices.createIndex(Indexes.ascending(AT), new IndexOptions().expireAfter(KEEP.toSeconds(), TimeUnit.SECONDS));
        }
        nextPurge = now + PURGE_EVERY.toNanos();
        if (newest != null && newest.getTime() > KEEP.toMillis()) {
            notices.deleteMany(Filters.lt(AT, new Date(newest.getTime() - KEEP.toMillis())));
        }
    }

    private void deliver(Invalidation notice) {
        for (Consumer<Invalidation> listener : listeners) {
            try {
                listener.accept(notice);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "invalidation bus: a listener failed; the next listeners still hear the notice", e);
            }
        }
    }
}
