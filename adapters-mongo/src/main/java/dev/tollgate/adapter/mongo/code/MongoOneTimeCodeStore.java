package dev.tollgate.adapter.mongo.code;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.Email;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.code.AttemptResult;
import dev.tollgate.port.spi.code.CodePurpose;
import dev.tollgate.port.spi.code.OneTimeCode;
import dev.tollgate.port.spi.code.OneTimeCodeStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * One-time codes in {@code tg_codes}, one document per user and purpose:
 * <pre>
 * { _id: "tenant/user id/PURPOSE", tenant, user: user id (text), purpose, sentTo, digest,
 *   issuedAt, expiresAt: micros, attempts, maxAttempts, left: maxAttempts - attempts,
 *   expireAt: BSON date for the TTL index }
 * </pre>
 * The {@code _id} makes the user and purpose unique, so {@link #issue} is one upserting
 * {@code replaceOne}. {@code left} is kept beside the counts so that "tries are left" is a plain
 * filter ({@code left > 0}) that needs no comparison of two fields.
 *
 * <p>A try ({@link #attempt}) is at most three single-document operations, each atomic by itself:
 * a {@code findOneAndDelete} whose filter asks for the digest, tries left and an expiry after
 * {@code now} consumes a matching code; else a {@code findOneAndUpdate} with the same filter but
 * the digest counts a wrong try ({@code $inc}); else a read tells why nothing was counted. However
 * many callers race, the server counts no more than the allowed tries and deletes a code once. A
 * crash between the steps leaves a state some single step produced, never half a try. The code's
 * digest is never an index key: codes are found by user and purpose, and digests are keyed per user
 * (two users may well share a code).
 *
 * <p>The TTL index removes a code some time after its expiry; correctness never depends on it
 * (every try compares the expiry with the {@code now} passed in).
 */
public final class MongoOneTimeCodeStore implements OneTimeCodeStore {

    private static final String ID = "_id";
    private static final String TENANT = Collections.TENANT;
    private static final String USER = Collections.USER;
    private static final String PURPOSE = "purpose";
    private static final String SENT_TO = "sentTo";
    private static final String DIGEST = "digest";
    private static final String ISSUED_AT = "issuedAt";
    private static final String EXPIRES_AT = "expiresAt";
    private static final String ATTEMPTS = "attempts";
    private static final String MAX_ATTEMPTS = "maxAttempts";
    private static final String LEFT = "left";
    private static final String EXPIRE_AT = "expireAt";

    private final MongoCollection<Document> codes;

    public MongoOneTimeCodeStore(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.codes = database.getCollection(Collections.CODES);
        MongoCalls.run("create code indexes", () -> {
            codes.createIndex(Indexes.ascending(TENANT, USER), new IndexOptions().name("tenant_user"));
            codes.createIndex(Indexes.ascending(EXPIRE_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS).name("ttl"));
        });
    }

    @Override
    public void issue(OneTimeCode code) {
        Objects.requireNonNull(code, "code");
        Document document = new Document(ID, key(code.user(), code.purpose()))
                .append(TENANT, code.user().tenant().value())
                .append(USER, Fields.id(code.user().id().value()))
                .append(PURPOSE, code.purpose().name())
                .append(SENT_TO, code.sentTo().value())
                .append(DIGEST, code.codeDigest())
                .append(ISSUED_AT, Fields.micros(code.issuedAt()))
                .append(EXPIRES_AT, Fields.micros(code.expiresAt()))
                .append(ATTEMPTS, code.attempts())
                .append(MAX_ATTEMPTS, code.maxAttempts())
                .append(LEFT, code.maxAttempts() - code.attempts())
                .append(EXPIRE_AT, Fields.expiry(code.expiresAt()));
        Bson byKey = Filters.eq(ID, document.getString(ID));
        MongoCalls.run("issue code", () -> {
            try {
                codes.replaceOne(byKey, document, new ReplaceOptions().upsert(true));
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw e;
                }
                // a concurrent issue inserted the document first: replace it
                codes.replaceOne(byKey, document, new ReplaceOptions().upsert(true));
            }
        });
    }

    @Override
    public Optional<OneTimeCode> find(UserRef user, CodePurpose purpose) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(purpose, "purpose");
        return MongoCalls.call("find code", () -> Optional.ofNullable(codes.find(Filters.eq(ID, key(user, purpose))).first())
                .map(MongoOneTimeCodeStore::read));
    }

    @Override
    public AttemptResult attempt(UserRef user, CodePurpose purpose, String presentedDigest, Instant now) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(presentedDigest, "presentedDigest");
        Objects.requireNonNull(now, "now");
        Bson usable = Filters.and(Filters.eq(ID, key(user, purpose)), Filters.gt(LEFT, 0),
                Filters.gt(EXPIRES_AT, Fields.micros(now)));
        return MongoCalls.call("try code", () -> {
            Document consumed = codes.findOneAndDelete(Filters.and(usable, Filters.eq(DIGEST, presentedDigest)));
            if (consumed != null) {
                OneTimeCode code = read(consumed);
                return AttemptResult.matched(new OneTimeCode(code.user(), code.purpose(), code.sentTo(), code.codeDigest(),
                        code.issuedAt(), code.expiresAt(), code.attempts() + 1, code.maxAttempts()));
            }
            Document counted = codes.findOneAndUpdate(usable,
                    Updates.combine(Updates.inc(ATTEMPTS, 1), Updates.inc(LEFT, -1)),
                    // before, minus this try: "after" may already show a concurrent try (the emulator answers so)
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
            if (counted != null) {
                return AttemptResult.mismatched(((Number) counted.get(LEFT)).intValue() - 1);
            }
            Document stored = codes.find(Filters.eq(ID, key(user, purpose))).first();
            if (stored == null) {
                return AttemptResult.notFound();
            }
            return AttemptResult.of(read(stored).expiresAt().isAfter(now)
                    ? AttemptResult.Kind.EXHAUSTED : AttemptResult.Kind.EXPIRED);
        });
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        return MongoCalls.call("delete codes", () -> Math.toIntExact(codes.deleteMany(Filters.and(
                Filters.eq(TENANT, user.tenant().value()), Filters.eq(USER, Fields.id(user.id().value())))).getDeletedCount()));
    }

    /** The document's id: tenants and UUIDs hold no '/', so the parts cannot run together. */
    private static String key(UserRef user, CodePurpose purpose) {
        return user.tenant().value() + "/" + Fields.id(user.id().value()) + "/" + purpose.name();
    }

    private static OneTimeCode read(Document document) {
        return new OneTimeCode(
                new UserRef(TenantId.of(document.getString(TENANT)), new UserId(Fields.uuid(document.getString(USER)))),
                CodePurpose.valueOf(document.getString(PURPOSE)),
                new Email(document.getString(SENT_TO)),
                document.getString(DIGEST),
                Fields.instantOrNull(document.get(ISSUED_AT)),
                Fields.instantOrNull(document.get(EXPIRES_AT)),
                ((Number) document.get(ATTEMPTS)).intValue(),
                ((Number) document.get(MAX_ATTEMPTS)).intValue());
    }
}
