package dev.tollgate.adapter.mongo.password;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.adapter.mongo.internal.UserDocuments;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.password.PasswordHistory;
import dev.tollgate.port.spi.password.RememberedPassword;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Password histories in {@code tg_password_history}, one document a user:
 * <pre>
 * { _id: "&lt;tenant&gt;:&lt;user id&gt;", tenant, user: user id (text),
 *   passwords: [{ hash, setAt: micros }], newest first }
 * </pre>
 * The {@code _id} names the tenant, so a ref of another tenant never reaches the document.
 *
 * <p>{@link #remember} is one upserting {@code updateOne}: {@code $push} with {@code $each} (the
 * new password), {@code $sort} ({@code setAt} descending) and {@code $slice} ({@code keep}), so
 * adding the password and forgetting all but the newest {@code keep} are one atomic step; of
 * concurrent calls each sees the array the one before left. A lost insert race of two upserts
 * for a new user (E11000 on {@code _id}) is tried again, which then updates the document the
 * other inserted. {@link #deleteAll} is one {@code findOneAndDelete}, which answers how many it
 * forgot.
 */
public final class MongoPasswordHistory implements PasswordHistory {

    private static final int ATTEMPTS = 10;

    private static final String ID = "_id";
    private static final String PASSWORDS = "passwords";
    private static final String HASH = "hash";
    private static final String SET_AT = "setAt";

    private final MongoCollection<Document> histories;

    public MongoPasswordHistory(MongoDatabase database) {
        // every lookup is by _id (the tenant and the user): no other index is needed
        this.histories = Objects.requireNonNull(database, "database").getCollection(Collections.PASSWORD_HISTORY);
    }

    @Override
    public void remember(UserRef user, RememberedPassword password, int keep) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, was " + keep);
        }
        Document entry = new Document(HASH, password.hash()).append(SET_AT, Fields.micros(password.setAt()));
        Bson update = Updates.combine(
                Updates.setOnInsert(Collections.TENANT, user.tenant().value()),
                Updates.setOnInsert(Collections.USER, Fields.id(user.id().value())),
                Updates.pushEach(PASSWORDS, List.of(entry),
                        new PushOptions().sortDocument(new Document(SET_AT, -1)).slice(keep)));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                histories.updateOne(Filters.eq(ID, UserDocuments.key(user)), update, new UpdateOptions().upsert(true));
                return;
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw MongoCalls.unavailable("remember a password", e);
                }
                // another call inserted the user's document first: update it now
            }
        }
        throw new StoreUnavailableException("MongoDB store: remembering a password met concurrent inserts "
                + ATTEMPTS + " times");
    }

    @Override
    public List<RememberedPassword> recent(UserRef user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        Document document = MongoCalls.call("read a password history",
                () -> histories.find(Filters.eq(ID, UserDocuments.key(user))).first());
        return passwords(document).stream()
                .sorted(Comparator.comparing(RememberedPassword::setAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        Document deleted = MongoCalls.call("delete a password history",
                () -> histories.findOneAndDelete(Filters.eq(ID, UserDocuments.key(user))));
        return passwords(deleted).size();
    }

    private static List<RememberedPassword> passwords(Document document) {
        if (document == null) {
            return List.of();
        }
        return document.getList(PASSWORDS, Document.class, List.of()).stream()
                .map(entry -> new RememberedPassword(entry.getString(HASH),
                        Fields.instant(((Number) entry.get(SET_AT)).longValue())))
                .toList();
    }
}
