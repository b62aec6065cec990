package dev.tollgate.port.spi.metering;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A calendar day usage is aggregated by: a day of the years 1 to 9999, the range in which ISO
 * text ({@code yyyy-MM-dd}) sorts as days do on every database.
 */
public record UsageDay(LocalDate value) {

    /** The first day usage is kept for. */
    public static final LocalDate FIRST = LocalDate.of(1, 1, 1);
    /** The last day usage is kept for. */
    public static final LocalDate LAST = LocalDate.of(9999, 12, 31);

    public UsageDay {
        Objects.requireNonNull(value, "day");
        if (value.isBefore(FIRST) || value.isAfter(LAST)) {
            throw new IllegalArgumentException("usage is kept for days of the years 1 to 9999, not " + value);
        }
    }

    /** The day of {@code at} in {@code zone}; refused with an {@link IllegalArgumentException} outside the years 1 to 9999. */
    public static UsageDay of(Instant at, ZoneId zone) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
        LocalDate day;
        try {
            day = LocalDate.ofInstant(at, zone);
        } catch (DateTimeException beyondLocalDate) {
            throw new IllegalArgumentException("usage is kept for days of the years 1 to 9999, not the day of " + at);
        }
        return new UsageDay(day);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
