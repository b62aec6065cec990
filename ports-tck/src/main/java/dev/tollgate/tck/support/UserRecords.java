package dev.tollgate.tck.support;

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
import java.util.Objects;
import java.util.UUID;

/**
 * A test-data builder for {@link UserRecord}. Every builder starts from sensible defaults with
 * a fresh id, username and email, so records from two builders never collide: an active,
 * unverified user of the default tenant with no pending email change, an empty personal
 * profile, no failures, no lock and no login, created at {@link #DEFAULT_CREATED_AT}. Change only what a test is about:
 *
 * <pre>{@code
 * UserRecord suspended = UserRecords.aUser().withTenant(tenant).withStatus(AccountStatus.SUSPENDED).build();
 * }</pre>
 *
 * <p>Instants given to it should have at most millisecond precision, the least every store keeps.
 */
public final class UserRecords {

    /** When a built user was created and last updated, unless set otherwise. */
    public static final Instant DEFAULT_CREATED_AT = Instant.parse("2025-01-15T09:30:00.123Z");

    /** The password hash of a built user unless set otherwise; no hasher matches any password against it. */
    public static final String DEFAULT_PASSWORD_HASH = "$test$v=1$c2FsdA$bm90LWEtcmVhbC1oYXNo";

    private TenantId tenant = TenantId.DEFAULT;
    private UserId id;
    private Username username;
    private Email email;
    private Instant emailVerifiedAt;
    private Email pendingEmail;
    private String passwordHash = DEFAULT_PASSWORD_HASH;
    private AccountStatus status = AccountStatus.ACTIVE;
    private String statusReason;
    private Profile profile = Profile.empty(AccountType.PERSONAL);
    private int failedLogins;
    private Instant lockedUntil;
    private Instant createdAt = DEFAULT_CREATED_AT;
    private Instant updatedAt = DEFAULT_CREATED_AT;
    private Instant lastLoginAt;

    private UserRecords() {
        UUID unique = UUID.randomUUID();
        String tag = unique.toString().replace("-", "").substring(0, 20);
        this.id = new UserId(unique);
        this.username = Username.of("u" + tag);
        this.email = Email.of("u" + tag + "@example.com");
    }

    /** A builder with fresh, unique defaults. */
    public static UserRecords aUser() {
        return new UserRecords();
    }

    /** A builder holding every field of {@code record}, to build a changed copy. */
    public static UserRecords from(UserRecord record) {
        Objects.requireNonNull(record, "record");
        return aUser()
                .withRef(record.ref())
                .withUsername(record.username())
                .withEmail(record.email())
                .withEmailVerifiedAt(record.emailVerifiedAt())
                .withPendingEmail(record.pendingEmail())
                .withPasswordHash(record.passwordHash())
                .withStatus(record.status())
                .withStatusReason(record.statusReason())
                .withProfile(record.profile())
                .withFailedLogins(record.failedLogins())
                .withLockedUntil(record.lockedUntil())
                .withCreatedAt(record.createdAt())
                .withUpdatedAt(record.updatedAt())
                .withLastLoginAt(record.lastLoginAt());
    }

    public UserRecords withTenant(TenantId value) {
        this.tenant = Objects.requireNonNull(value, "tenant");
        return this;
    }

    public UserRecords withId(UserId value) {
        this.id = Objects.requireNonNull(value, "id");
        return this;
    }

    /** Sets tenant and id at once. */
    public UserRecords withRef(UserRef value) {
        return withTenant(value.tenant()).withId(value.id());
    }

    public UserRecords withUsername(Username value) {
        this.username = Objects.requireNonNull(value, "username");
        return this;
    }

    public UserRecords withUsername(String value) {
        return withUsername(Username.of(value));
    }

    public UserRecords withEmail(Email value) {
        this.email = Objects.requireNonNull(value, "email");
        return this;
    }

    public UserRecords withEmail(String value) {
        return withEmail(Email.of(value));
    }

    public UserRecords withEmailVerifiedAt(Instant value) {
        this.emailVerifiedAt = value;
        return this;
    }

    /** The address the user is changing to; null (the default) for none. */
    public UserRecords withPendingEmail(Email value) {
        this.pendingEmail = value;
        return this;
    }

    public UserRecords withPasswordHash(String value) {
        this.passwordHash = Objects.requireNonNull(value, "passwordHash");
        return this;
    }

    public UserRecords withStatus(AccountStatus value) {
        this.status = Objects.requireNonNull(value, "status");
        return this;
    }

    public UserRecords withStatusReason(String value) {
        this.statusReason = value;
        return this;
    }

    public UserRecords withProfile(Profile value) {
        this.profile = Objects.requireNonNull(value, "profile");
        return this;
    }

    public UserRecords withFailedLogins(int value) {
        this.failedLogins = value;
        return this;
    }

    public UserRecords withLockedUntil(Instant value) {
        this.lockedUntil = value;
        return this;
    }

    public UserRecords withCreatedAt(Instant value) {
        this.createdAt = Objects.requireNonNull(value, "createdAt");
        return this;
    }

    public UserRecords withUpdatedAt(Instant value) {
        this.updatedAt = Objects.requireNonNull(value, "updatedAt");
        return this;
    }

    public UserRecords withLastLoginAt(Instant value) {
        this.lastLoginAt = value;
        return this;
    }

    public UserRecord build() {
        return new UserRecord(UserRef.of(tenant, id), username, email, emailVerifiedAt, pendingEmail, passwordHash,
                status, statusReason, profile, failedLogins, lockedUntil, createdAt, updatedAt, lastLoginAt);
    }
}
