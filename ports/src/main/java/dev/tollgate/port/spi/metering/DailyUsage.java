package dev.tollgate.port.spi.metering;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What one key of a user did on one meter in one day.
 *
 * @param day     the calendar day, in the zone the events were appended with
 * @param calls   every call recorded, granted or refused
 * @param granted the calls that were granted
 * @param units   the units taken by the granted calls
 */
public record DailyUsage(UserRef user, LocalDate day, ApiKeyId key, String meter, long calls, long granted,
        long units) {

    public DailyUsage {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(meter, "meter");
        if (calls < 0 || granted < 0 || granted > calls || units < 0) {
            throw new IllegalArgumentException("0 <= granted <= calls, and units >= 0");
        }
    }

    /** The calls that were refused. */
    public long refused() {
        return calls - granted;
    }
}
