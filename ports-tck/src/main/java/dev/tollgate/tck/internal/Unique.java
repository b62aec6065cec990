package dev.tollgate.tck.internal;

import dev.tollgate.port.Email;
import dev.tollgate.port.SessionId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.Username;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh values for contract tests. A store under test may be shared by every test on one
 * database, so each test works under its own tenant, ids, names and keys. Not part of the
 * TCK's API.
 */
public final class Unique {

    private Unique() {
    }

    /** A UUID laid out as version 7: the millisecond timestamp of {@code at} first, then random bits. */
    public static UUID uuidV7(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (at.toEpochMilli() << 16) | 0x7000L | random.nextLong(0x1000L);
        long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }

    public static UUID uuid() {
        return uuidV7(Instant.now());
    }

    public static String tag() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    public static TenantId tenant() {
        return TenantId.of("t-" + tag());
    }

    public static UserId userId() {
        return new UserId(uuid());
    }

    public static UserRef user() {
        return UserRef.of(tenant(), userId());
    }

    public static SessionId sessionId() {
        return new SessionId(uuid());
    }

    public static Username username() {
        return Username.of("u" + tag().substring(0, 24));
    }

    public static Email email() {
        return Email.of("e" + tag().substring(0, 24) + "@example.com");
    }

    /** A random 64-character hex string, shaped like a SHA-256 digest. */
    public static String digest() {
        return tag() + tag();
    }
}
