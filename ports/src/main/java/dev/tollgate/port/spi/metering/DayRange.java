package dev.tollgate.port.spi.metering;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The calendar days from {@code from} to {@code to}, both included; {@code from} is not after
 * {@code to}. Either end may lie beyond the days usage is kept for ({@link LocalDate#MIN} to
 * {@link LocalDate#MAX} is every day).
 */
public record DayRange(LocalDate from, LocalDate to) {

    public DayRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }

    public static DayRange of(LocalDate from, LocalDate to) {
        return new DayRange(from, to);
    }

    /** Whether {@code day} is in the range. */
    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The part of the range within the days usage is kept for ({@link UsageDay}); empty when none is. */
    public Optional<DayRange> ofUsageDays() {
        LocalDate first = from.isBefore(UsageDay.FIRST) ? UsageDay.FIRST : from;
        LocalDate last = to.isAfter(UsageDay.LAST) ? UsageDay.LAST : to;
        return first.isAfter(last) ? Optional.empty() : Optional.of(new DayRange(first, last));
    }
}
