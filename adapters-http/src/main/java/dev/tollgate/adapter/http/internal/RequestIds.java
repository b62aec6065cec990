package dev.tollgate.adapter.http.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh request ids: random (version 4) UUIDs drawn from {@link ThreadLocalRandom}. A request id
 * only has to be unique enough to find one request in the logs, and guards nothing, so it needs
 * no cryptographic randomness; {@link UUID#randomUUID()} draws from the one shared
 * {@code SecureRandom}, whose lock every request thread queued on (a profile of the verify
 * benchmark showed it among the longest waits of a request).
 */
final class RequestIds {

    private RequestIds() {
    }

    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(high, low).toString();
    }
}
