package dev.tollgate.adapter.mongo.account;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.adapter.mongo.internal.MongoCalls;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.account.AccountArchive;
import dev.tollgate.port.spi.account.ArchivedAccount;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * Deleted accounts in {@code tg_archive}, one document a user: {@code _id}
 * ({@code "<tenant>:<user id>"}), {@code tenant}, {@code user}, {@code username},
 * {@code email}, {@code name}, {@code aboutMe} (both left out when null), {@code hobbies}
 * (array), {@code accountType}, {@code createdAt}, {@code deletedAt} (microseconds) and
 * {@code reason} (left out when null); never a secret. {@code archive} is one {@code replaceOne}
 * upsert on {@code _id} (repeated once when two first archivings meet on the {@code _id}).
 */
public final class MongoAccountArchive implements AccountArchive {

    private static final String ID = "_id";
    private static final String USERNAME = "username";
    private static final String EMAIL = "email";
    private static final String NAME = "name";
    private static final String ABOUT_ME = "aboutMe";
    private static final String HOBBIES = "hobbies";
    private static final String ACCOUNT_TYPE = "accountType";
    private static final String CREATED_AT = "createdAt";
    private static final String DELETED_AT = "deletedAt";
    private static final String REASON = "reason";

    private final MongoCollection<Document> archive;

    public MongoAccountArchive(MongoDatabase database) {
        Objects.requireNonNull(database, "database");
        this.archive = database.getCollection(Collections.ARCHIVE);
    }

    private static String key(UserRef user) {
        return user.tenant().value() + ":" + Fields.id(user.id().value());
    }

    @Override
    public void archive(ArchivedAccount account) {
        Objects.requireNonNull(account, "account");
        Profile profile = account.profile();
        Document document = new Document(ID, key(account.user()))
                .append(Collections.TENANT, account.user().tenant().value())
                .append(Collections.USER, Fields.id(account.user().id().value()))
                .append(USERNAME, account.username().value())
                .append(EMAIL, account.email().value())
                .append(HOBBIES, profile.hobbies())
                .append(ACCOUNT_TYPE, profile.accountType().name())
                .append(CREATED_AT, Fields.micros(account.createdAt()))
                .append(DELETED_AT, Fields.micros(account.deletedAt()));
        if (profile.name() != null) {
            document.append(NAME, profile.name());
        }
        if (profile.aboutMe() != null) {
            document.append(ABOUT_ME, profile.aboutMe());
        }
        if (account.reason() != null) {
            document.append(REASON, account.reason());
        }
        MongoCalls.run("archive an account", () -> {
            try {
                archive.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
            } catch (MongoException e) {
                if (!MongoCalls.isDuplicateKey(e)) {
                    throw e;
                }
                archive.replaceOne(Filters.eq(ID, document.get(ID)), document, new ReplaceOptions().upsert(true));
            }
        });
    }

    @Override
    public Optional<ArchivedAccount> find(UserRef user) {
        Objects.requireNonNull(user, "user");
        return Optional.ofNullable(MongoCalls.call("find an archived account", () -> archive.find(Filters.eq(ID, key(user))).first()))
                .map(MongoAccountArchive::read);
    }

    private static ArchivedAccount read(Document document) {
        UserRef user = UserRef.of(TenantId.of(document.getString(Collections.TENANT)),
                new UserId(Fields.uuid(document.getString(Collections.USER))));
        Profile profile = new Profile(document.getString(NAME), document.getString(ABOUT_ME),
                document.getList(HOBBIES, String.class, List.of()), AccountType.valueOf(document.getString(ACCOUNT_TYPE)));
        return new ArchivedAccount(user, Username.of(document.getString(USERNAME)), new Email(document.getString(EMAIL)),
                profile, Fields.instant(((Number) document.get(CREATED_AT)).longValue()),
                Fields.instant(((Number) document.get(DELETED_AT)).longValue()), document.getString(REASON));
    }
}
