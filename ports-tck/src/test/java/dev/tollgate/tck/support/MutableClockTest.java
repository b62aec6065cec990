package dev.tollgate.tck.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2025-03-01T10:15:30.123Z");

    @Test
    void standsStillAtItsStart_inUtc() {
        MutableClock clock = MutableClock.startingAt(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advance_movesItForward_andAnswersTheNewTime() {
        MutableClock clock = MutableClock.startingAt(START);

        Instant now = clock.advance(Duration.ofMinutes(5));

        assertThat(now).isEqualTo(START.plusSeconds(300));
        assertThat(clock.instant()).isEqualTo(now);
    }

    @Test
    void set_movesItToTheInstantGiven() {
        MutableClock clock = MutableClock.startingAt(START);

        clock.set(START.minusSeconds(3600));

        assertThat(clock.instant()).isEqualTo(START.minusSeconds(3600));
    }

    @Test
    void aViewInAnotherZone_movesWithTheClock() {
        MutableClock clock = MutableClock.startingAt(START);
        ZoneId paris = ZoneId.of("Europe/Paris");

        MutableClock inParis = clock.withZone(paris);
        clock.advance(Duration.ofSeconds(1));

        assertThat(inParis.getZone()).isEqualTo(paris);
        assertThat(inParis.instant()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void concurrentAdvances_areNeverLost() throws InterruptedException {
        MutableClock clock = MutableClock.startingAt(START);
        ExecutorService executor = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 10_000; i++) {
            executor.execute(() -> clock.advance(Duration.ofMillis(1)));
        }
        executor.shutdown();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(10));
    }
}
