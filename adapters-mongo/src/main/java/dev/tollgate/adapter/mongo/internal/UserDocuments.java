package dev.tollgate.adapter.mongo.internal;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.AccountType;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import dev.tollgate.port.spi.user.UserRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;

/**
 * The layout of a user in {@link Collections#USERS}; a field that would hold null is left out.
 * The user store writes them; the directory and the statistics read them too.
 */
public final class UserDocuments {

    public static final String ID = "_id";
    public static final String USERNAME = "username";
    /** {@link Username#canonical()}: unique per tenant, the username order of the directory. */
    public static final String USERNAME_KEY = "usernameKey";
    public static final String EMAIL = "email";
    public static final String EMAIL_VERIFIED_AT = "emailVerifiedAt";
    public static final String PENDING_EMAIL = "pendingEmail";
    public static final String PASSWORD_HASH = "passwordHash";
    public static final String STATUS = "status";
    public static final String STATUS_REASON = "statusReason";
    public static final String NAME = "name";
    /** The name lower-cased ({@link Locale#ROOT}), for the directory's text prefix. */
    public static final String NAME_KEY = "nameKey";
    public static final String ABOUT_ME = "aboutMe";
    public static final String HOBBIES = "hobbies";
    public static final String ACCOUNT_TYPE = "accountType";
    public static final String FAILED_LOGINS = "failedLogins";
    public static final String LOCKED_UNTIL = "lockedUntil";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String LAST_LOGIN_AT = "lastLoginAt";

    /** The unique index names, which tell a refused insert's cause. */
    public static final String USERNAME_INDEX = "tenant_usernameKey";
    public static final String EMAIL_INDEX = "tenant_email";

    private UserDocuments() {
    }

    /** {@code _id}: the tenant and the user's id, so one id may exist in two tenants as the other stores allow. */
    public static String key(UserRef ref) {
        return ref.tenant().value() + ":" + Fields.id(ref.id().value());
    }

    public static Document write(UserRecord user) {
        Document document = new Document(ID, key(user.ref()))
                .append(Collections.TENANT, user.ref().tenant().value())
                .append(Collections.USER, Fields.id(user.ref().id().value()))
                .append(USERNAME, user.username().value())
                .append(USERNAME_KEY, user.username().canonical())
                .append(EMAIL, user.email().value())
                .append(PASSWORD_HASH, user.passwordHash())
                .append(STATUS, user.status().name())
                .append(FAILED_LOGINS, user.failedLogins())
                .append(CREATED_AT, Fields.micros(user.createdAt()))
                .append(UPDATED_AT, Fields.micros(user.updatedAt()));
        putInstant(document, EMAIL_VERIFIED_AT, user.emailVerifiedAt());
        if (user.pendingEmail() != null) {
            document.append(PENDING_EMAIL, user.pendingEmail().value());
        }
        if (user.statusReason() != null) {
            document.append(STATUS_REASON, user.statusReason());
        }
        profile(user.profile()).forEach(document::append);
        putInstant(document, LOCKED_UNTIL, user.lockedUntil());
        putInstant(document, LAST_LOGIN_AT, user.lastLoginAt());
        return document;
    }

    /** The profile's fields, those that are set (for {@code $set}); {@link #unsetProfile} names the rest. */
    public static Document profile(Profile profile) {
        Document fields = new Document(HOBBIES, profile.hobbies()).append(ACCOUNT_TYPE, profile.accountType().name());
        if (profile.name() != null) {
            fields.append(NAME, profile.name()).append(NAME_KEY, profile.name().toLowerCase(Locale.ROOT));
        }
        if (profile.aboutMe() != null) {
            fields.append(ABOUT_ME, profile.aboutMe());
        }
        return fields;
    }

    /** The profile's fields that are unset (for {@code $unset}). */
    public static List<String> unsetProfile(Profile profile) {
        List<String> unset = new ArrayList<>();
        if (profile.name() == null) {
            unset.add(NAME);
            unset.add(NAME_KEY);
        }
        if (profile.aboutMe() == null) {
            unset.add(ABOUT_ME);
        }
        return unset;
    }

    public static UserRecord read(Document document) {
        UserRef ref = UserRef.of(TenantId.of(document.getString(Collections.TENANT)),
                new UserId(Fields.uuid(document.getString(Collections.USER))));
        String pending = document.getString(PENDING_EMAIL);
        Profile profile = new Profile(document.getString(NAME), document.getString(ABOUT_ME),
                document.getList(HOBBIES, String.class, List.of()), AccountType.valueOf(document.getString(ACCOUNT_TYPE)));
        return new UserRecord(ref, Username.of(document.getString(USERNAME)), new Email(document.getString(EMAIL)),
                instant(document, EMAIL_VERIFIED_AT), pending == null ? null : new Email(pending),
                document.getString(PASSWORD_HASH), AccountStatus.valueOf(document.getString(STATUS)),
                document.getString(STATUS_REASON), profile, ((Number) document.get(FAILED_LOGINS)).intValue(),
                instant(document, LOCKED_UNTIL), instant(document, CREATED_AT), instant(document, UPDATED_AT),
                instant(document, LAST_LOGIN_AT));
    }

    private static Instant instant(Document document, String field) {
        return Fields.instantOrNull(document.get(field));
    }

    private static void putInstant(Document document, String field, Instant value) {
        if (value != null) {
            document.append(field, Fields.micros(value));
        }
    }
}
