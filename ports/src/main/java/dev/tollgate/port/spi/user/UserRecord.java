package dev.tollgate.port.spi.user;

import dev.tollgate.port.AccountStatus;
import dev.tollgate.port.Email;
import dev.tollgate.port.Profile;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.Objects;

/**
 * A user as stores persist it.
 *
 * @param emailVerifiedAt when the current address was verified; null while unverified
 * @param pendingEmail    the address the user asked to change to, not yet proven by its code; null
 *                        when no change is pending. It is not unique and reserves nothing: the
 *                        current {@code email} stays in force (login, uniqueness) until the change
 *                        is confirmed
 * @param passwordHash    the encoded password hash (algorithm and parameters included)
 * @param statusReason    why the status was last changed; null when never given
 * @param failedLogins    consecutive failed logins since the last success or lock
 * @param lockedUntil     no login succeeds before this instant; null when never locked
 * @param lastLoginAt     the last successful login; null before the first
 */
public record UserRecord(
        UserRef ref,
        Username username,
        Email email,
        Instant emailVerifiedAt,
        Email pendingEmail,
        String passwordHash,
        AccountStatus status,
        String statusReason,
        Profile profile,
        int failedLogins,
        Instant lockedUntil,
        Instant createdAt,
        Instant updatedAt,
        Instant lastLoginAt) {

    public UserRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (failedLogins < 0) {
            throw new IllegalArgumentException("failedLogins must not be negative");
        }
    }

    /** A user without a pending email change. */
    public UserRecord(UserRef ref, Username username, Email email, Instant emailVerifiedAt, String passwordHash,
            AccountStatus status, String statusReason, Profile profile, int failedLogins, Instant lockedUntil,
            Instant createdAt, Instant updatedAt, Instant lastLoginAt) {
        this(ref, username, email, emailVerifiedAt, null, passwordHash, status, statusReason, profile, failedLogins,
                lockedUntil, createdAt, updatedAt, lastLoginAt);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    /** Whether a lock is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "UserRecord[ref=" + ref + ", username=" + username + ", status=" + status + "]";
    }
}
