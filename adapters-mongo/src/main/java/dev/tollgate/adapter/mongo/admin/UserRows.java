package dev.tollgate.adapter.mongo.admin;

import dev.tollgate.adapter.mongo.internal.Collections;
import dev.tollgate.adapter.mongo.internal.Fields;
import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.user.UserRecord;
import java.util.List;
import org.bson.Document;

/**
 * The fields of a user document in {@link Collections#USERS} that the directory and the
 * statistics read, as {@code MongoUserStore} writes them (its {@code UserDocuments} holds the
 * writing side): instants as microseconds, a null field left out.
 */
final class UserRows {

    static final String ID = "_id";
    static final String USERNAME = "username";
    static final String USERNAME_KEY = "usernameKey";
    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED_AT = "emailVerifiedAt";
    static final String PENDING_EMAIL = "pendingEmail";
    static final String PASSWORD_HASH = "passwordHash";
    static final String STATUS = "status";
    static final String STATUS_REASON = "statusReason";
    static final String NAME = "name";
    static final String NAME_KEY = "nameKey";
    static final String ABOUT_ME = "aboutMe";
    static final String HOBBIES = "hobbies";
    static final String ACCOUNT_TYPE = "accountType";
    static final String FAILED_LOGINS = "failedLogins";
    static final String LOCKED_UNTIL = "lockedUntil";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String LAST_LOGIN_AT = "lastLoginAt";

    private UserRows() {
    }

    /** The {@code _id} of a user's documents in the users and the subscriptions. */
    static String key(UserRef ref) {
        return ref.tenant().value() + ":" + Fields.id(ref.id().value());
    }

    static UserRecord read(Document document) {
        UserRef ref = UserRef.of(TenantId.of(document.getString(Collections.TENANT)),
                new UserId(Fields.uuid(document.getString(Collections.USER))));
        String pending = document.getString(PENDING_EMAIL);
        Profile profile = new Profile(document.getString(NAME), document.getString(ABOUT_ME),
                document.getList(HOBBIES, String.class, List.of()), AccountType.valueOf(document.getString(ACCOUNT_TYPE)));
        return new UserRecord(ref, Username.of(document.getString(USERNAME)), new Email(document.getString(EMAIL)),
                Fields.instantOrNull(document.get(EMAIL_VERIFIED_AT)), pending == null ? null : new Email(pending),
                document.getString(PASSWORD_HASH), AccountStatus.valueOf(document.getString(STATUS)),
                document.getString(STATUS_REASON), profile, ((Number) document.get(FAILED_LOGINS)).intValue(),
                Fields.instantOrNull(document.get(LOCKED_UNTIL)), Fields.instantOrNull(document.get(CREATED_AT)),
                Fields.instantOrNull(document.get(UPDATED_AT)), Fields.instantOrNull(document.get(LAST_LOGIN_AT)));
    }
}
