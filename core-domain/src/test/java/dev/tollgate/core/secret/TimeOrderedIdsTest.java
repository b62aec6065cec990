package dev.tollgate.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T12:00:00.123Z"));
    private final TimeOrderedIds ids = new TimeOrderedIds(clock, new SeededRandomSource(5));

    @Test
    void ids_areVersion7WithTheRfcVariant_andCarryTheMillisecond() {
        UUID id = ids.next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.millis());
    }

    @Test
    void manyIdsInOneMillisecond_strictlyIncrease() {
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aClockGoingBackwards_doesNotBreakTheOrder() {
        UUID before = ids.next();
        clock.set(clock.instant().minusSeconds(10));

        assertThat(ids.next()).isGreaterThan(before);
    }
}
