package dev.tollgate.port.spi.admin;

import dev.tollgate.port.UserRef;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Sums over a tenant's daily usage aggregates.
 *
 * @param days the sums per day and meter, ordered by day, then meter
 * @param top  the users with most units over the range, per meter summed, most first (ties by user id)
 */
public record UsageFigures(List<MeterDay> days, List<TopConsumer> top) {

    public UsageFigures {
        days = List.copyOf(days);
        top = List.copyOf(top);
    }

    /** @param calls every call recorded; {@code units} only granted ones' */
    public record MeterDay(LocalDate day, String meter, long calls, long granted, long units) {
        public MeterDay {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(meter, "meter");
        }
    }

    public record TopConsumer(UserRef user, String meter, long units) {
        public TopConsumer {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(meter, "meter");
        }
    }
}
