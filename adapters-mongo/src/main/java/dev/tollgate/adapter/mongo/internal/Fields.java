package dev.tollgate.adapter.mongo.internal;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * How the stores write values into documents, the same in every collection:
 * <ul>
 * <li>ids (UUIDs) as their canonical lower-case text, which sorts as the SQL stores sort them
 *     (unsigned, most significant bits first) and needs no UUID codec of the client's;</li>
 * <li>instants as {@code long} microseconds since the epoch, the precision of the SQL stores
 *     (a BSON date keeps milliseconds only); a document that should also expire by itself
 *     carries a BSON date beside it for a TTL index ({@link #expiry});</li>
 * <li>tenants as their text value.</li>
 * </ul>
 */
public final class Fields {

    private Fields() {
    }

    public static String id(UUID value) {
        return value.toString();
    }

    public static UUID uuid(String value) {
        return UUID.fromString(value);
    }

    /** Microseconds since the epoch; throws {@link ArithmeticException} beyond a {@code long}. */
    public static long micros(Instant value) {
        return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1_000);
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Reads a field written by {@link #micros}, or null when absent. */
    public static Instant instantOrNull(Object micros) {
        return micros == null ? null : instant(((Number) micros).longValue());
    }

    /** A BSON date for a TTL index: the server removes the document some time after it. */
    public static Date expiry(Instant value) {
        return Date.from(value);
    }
}
