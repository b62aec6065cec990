package dev.tollgate.adapter.mongo.admin;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.admin.StaffNoteRecord;
import dev.tollgate.port.spi.admin.StaffNotes;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * Staff notes in {@code tg_staff_notes}, one document a user: {@code _id}
 * ({@code "<tenant>:<user id>"}), {@code tenant}, {@code user}, {@code text}, {@code updatedAt}
 * (microseconds) and {@code updatedBy} (the author's id, left out for the system). {@code put}
 * is one {@code replaceOne} upsert on {@code _id} (repeated once when two first puts meet on the
 * {@code _id}), {@code delete} one {@code deleteOne}; the {@code _id} is the only index needed.
 */
public final class MongoStaffNotes implements StaffNotes {

    private static final String ID = "_id";
    private static final String TEXT = "text";
    private static final String UPDATED_AT = "updatedAt";
    private static final String UPDATED_BY = "updatedBy";

    private final MongoCollection<Document> notes;

    public MongoStaffNotes(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.notes = database.getCollection(Collections.STAFF_NOTES);
    }

    private static String key(UserRef user) {
        return user.tenant().value() + ":" + Fields.id(user.id().value());
    }

    @Override
    public Optional<StaffNoteRecord> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Optional.ofNullable(MongoCalls.call("find a staff note", () -> notes.find(Filters.eq(ID, key(user))).first()))
                .map(MongoStaffNotes::read);
    }

    @Override
    public void put(StaffNoteRecord note) {
        Objects.requireNonNull(note, "note");
        Document document = new Document(ID, key(note.user()))
                .append(Collections.TENANT, note.user().tenant().value())
                .append(Collections.USER, Fields.id(note.user().id().value()))
                .append(TEXT, note.text())
                .append(UPDATED_AT, Fields.micros(note.updatedAt()));
        if (note.updatedBy() != null) {
            document.append(UPDATED_BY, Fields.id(note.updatedBy().value()));
        }
        MongoCalls.run("put a staff note", () -> {
            try {
                notes.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw e;
                }
                notes.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
            }
        });
    }

    @Override
    public boolean delete(UserRef user) {
        Objects.requireNonNull(user, "user");
        return MongoCalls.call("delete a staff note", () -> notes.deleteOne(Filters.eq(ID, key(user))).getDeletedCount()) == 1;
    }

    private static StaffNoteRecord read(Document document) {
        String by = document.getString(UPDATED_BY);
        return new StaffNoteRecord(
                UserRef.of(TenantId.of(document.getString(Collections.TENANT)), new UserId(Fields.uuid(document.getString(Collections.USER)))),
                document.getString(TEXT), Fields.instant(((Number) document.get(UPDATED_AT)).longValue()),
                by == null ? null : new UserId(Fields.uuid(by)));
    }
}
