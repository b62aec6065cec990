package dev.tollgate.adapter.mongo.staff;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The roster of each staff role in {@code tg_staff_roles}: the count of holders the guard of
 * {@link MongoStaffStore} trusts, in one document per role, so that "another holder is left" is
 * a condition of a single-document update.
 * <pre>
 * { _id: role name, count: holders counted, claim: key of a first grant in progress (absent otherwise),
 *   members: { "tenant/user id": { e: epoch, in: counted or not } } }
 * { _id: 0, n: the last epoch handed out }        the epoch sequence (an int id no role name can take)
 * </pre>
 * Every version of a staff document carries an epoch from the sequence, so epochs of one user only
 * grow, even across a revoke and a new grant. A member entry records the epoch it was last
 * written for: an entry only ever moves to a higher epoch (or stays), so a late write for an
 * older version of the staff document changes nothing.
 *
 * <p>The invariant: every counted member holds the role in its staff document. Holders are
 * counted after their staff document took the role ({@link #enter}) and uncounted before it
 * gives the role up ({@link #leave}); a crash in between leaves a holder uncounted, which only makes
 * the guard stricter, never lets the last holder go. An uncounted holder is counted again by the next
 * change of their staff document (a change to the same role re-enters them).
 */
final class StaffRoster {

    /** What {@link #leave} found. */
    enum Leave {
        /** The member is uncounted now; the staff document may give the role up. */
        LEFT,
        /** The guard refused: no other counted holder. */
        LAST_HOLDER,
        /** The entry is of a newer version of the staff document than the one read: read again. */
        STALE
    }

    static final String COLLECTION = "tg_staff_roles";

    private static final String ID = "_id";
    private static final String COUNT = "count";
    private static final String CLAIM = "claim";
    private static final String MEMBERS = "members";
    private static final String EPOCH = "e";
    private static final String IN = "in";
    private static final int SEQUENCE_ID = 0;
    private static final String SEQUENCE = "n";

    private final MongoCollection<Document> roles;

    StaffRoster(MongoDatabase database) {
        this.roles = database.getCollection(COLLECTION);
    }

    /** A new epoch, higher than every one handed out before. */
    long nextEpoch() {
        // the sequence before this increment, plus one: "after" may already show a concurrent increment (the
        // emulator answers so), and two callers would draw one epoch; none before means this call made it, at 1
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE);
        Document sequence;
        try {
            sequence = roles.findOneAndUpdate(Filters.eq(ID, SEQUENCE_ID), Updates.inc(SEQUENCE, 1L), options);
        } catch (MongoException e) {
            if (!MongoCalls.isDuplicateKey(e)) {
                throw e;
            }
            // the very first epochs, drawn at the same moment: the sequence exists now
            sequence = roles.findOneAndUpdate(Filters.eq(ID, SEQUENCE_ID), Updates.inc(SEQUENCE, 1L), options);
        }
        return sequence == null ? 1L : ((Number) sequence.get(SEQUENCE)).longValue() + 1;
    }

    /** Counts {@code key} as a holder of {@code role}, whose staff document took it at {@code epoch}. */
    void enter(String role, String key, long epoch) {
        ensure(role);
        String member = MEMBERS + "." + key;
        long entered = roles.updateOne(Filters.and(Filters.eq(ID, role), Filters.or(
                                Filters.exists(member, false),
                                Filters.and(Filters.eq(member + "." + IN, false), Filters.lt(member + "." + EPOCH, epoch)))),
                Updates.combine(Updates.set(member, entry(epoch, true)), Updates.inc(COUNT, 1L))).getMatchedCount();
        if (entered == 0) {
            // counted already (an older version held the role too): only move the epoch on
            roles.updateOne(Filters.and(Filters.eq(ID, role), Filters.eq(member + "." + IN, true),
                    Filters.lt(member + "." + EPOCH, epoch)), Updates.set(member + "." + EPOCH, epoch));
        }
    }

    /**
     * Uncounts {@code key} from {@code role} before its staff document, read at {@code epoch},
     * gives the role up. With {@code guarded}, only while another counted holder stays.
     */
    Leave leave(String role, String key, long epoch, boolean guarded) {
        ensure(role);
        String member = MEMBERS + "." + key;
        Bson counted = Filters.and(Filters.eq(ID, role), Filters.eq(member + "." + IN, true),
                Filters.lte(member + "." + EPOCH, epoch));
        if (guarded) {
            counted = Filters.and(counted, Filters.gt(COUNT, 1L));
        }
        if (roles.updateOne(counted, Updates.combine(Updates.set(member, entry(epoch, false)), Updates.inc(COUNT, -1L)))
                .getMatchedCount() == 1) {
            return Leave.LEFT;
        }
        Document roster = roles.find(Filters.eq(ID, role)).first();
        Document found = roster == null ? null : roster.get(MEMBERS, Document.class);
        Document current = found == null ? null : found.get(key, Document.class);
        if (current != null && ((Number) current.get(EPOCH)).longValue() > epoch) {
            return Leave.STALE;
        }
        if (current != null && Boolean.TRUE.equals(current.getBoolean(IN))) {
            return guarded ? Leave.LAST_HOLDER : Leave.STALE;
        }
        // not counted (a crash between the steps of an earlier change, or a leave racing this one):
        // record the epoch, so a late enter of that version cannot count it again
        Bson uncounted = Filters.and(Filters.eq(ID, role), Filters.or(Filters.exists(member, false),
                Filters.and(Filters.eq(member + "." + IN, false), Filters.lte(member + "." + EPOCH, epoch))));
        if (guarded) {
            uncounted = Filters.and(uncounted, Filters.gte(COUNT, 1L));
        }
        if (roles.updateOne(uncounted, Updates.set(member, entry(epoch, false))).getMatchedCount() == 1) {
            return Leave.LEFT;
        }
        Document again = roles.find(Filters.eq(ID, role)).first();
        long count = again == null || again.get(COUNT) == null ? 0 : ((Number) again.get(COUNT)).longValue();
        return guarded && count < 1 ? Leave.LAST_HOLDER : Leave.STALE;
    }

    /**
     * Claims the first grant of {@code role} for {@code key}: only while nobody is counted and no
     * other first grant is in progress. A crash before {@link #release} leaves the claim, and the
     * role refuses other first grants (the safe side: setup does not silently hand the role twice).
     */
    boolean claimFirst(String role, String key) {
        ensure(role);
        return roles.updateOne(Filters.and(Filters.eq(ID, role), Filters.eq(COUNT, 0L),
                        Filters.or(Filters.exists(CLAIM, false), Filters.eq(CLAIM, key))),
                Updates.set(CLAIM, key)).getMatchedCount() == 1;
    }

    /** Ends the first-grant claim of {@code key}, if it still holds it. */
    void release(String role, String key) {
        roles.updateOne(Filters.and(Filters.eq(ID, role), Filters.eq(CLAIM, key)), Updates.unset(CLAIM));
    }

    /** Writes the role's roster document unless it exists. */
    private void ensure(String role) {
        try {
            roles.updateOne(Filters.eq(ID, role),
                    Updates.combine(Updates.setOnInsert(COUNT, 0L), Updates.setOnInsert(MEMBERS, new Document())),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            if (!MongoCalls.isDuplicateKey(e)) {
                throw e;
            }
            // another caller wrote it at the same moment
        }
    }

    private static Document entry(long epoch, boolean in) {
        return new Document(EPOCH, epoch).append(IN, in);
    }
}
