package dev.tollgate.port.spi.mfa;

import dev.tollgate.port.UserRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A user's TOTP second factor as stores persist it: the shared secret only sealed (AES-256-GCM
 * under the master key), never in plain text. A factor is pending from enrolment until the user
 * confirms a current code; only a confirmed factor guards logins.
 *
 * @param sealedSecret the secret, sealed
 * @param confirmedAt  when the user confirmed a code; null while pending
 * @param lastStep     the newest time step whose code was accepted (a code is accepted once); -1 for none
 * @param failures     consecutive wrong codes since the last right one or lock
 * @param lockedUntil  no code is accepted before this instant; null when never locked
 */
public record TotpFactor(
        UserRef user,
        String sealedSecret,
        Instant createdAt,
        Instant confirmedAt,
        long lastStep,
        int failures,
        Instant lockedUntil) {

    public TotpFactor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(createdAt, "createdAt");
        if (lastStep < -1) {
            throw new IllegalArgumentException("lastStep must be -1 or a time step, was " + lastStep);
        }
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
    }

    /** A new factor, pending confirmation. */
    public static TotpFactor pending(UserRef user, String sealedSecret, Instant createdAt) {
        return new TotpFactor(user, sealedSecret, createdAt, null, -1, 0, null);
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Whether a lock is in force at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "TotpFactor[user=" + user + ", confirmedAt=" + confirmedAt + ", lastStep=" + lastStep + "]";
    }
}
