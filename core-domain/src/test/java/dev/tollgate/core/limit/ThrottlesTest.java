package dev.tollgate.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.adapter.memory.audit.InMemoryAuditLog;
import dev.tollgate.adapter.memory.limit.InMemoryWindowCounters;
import dev.tollgate.core.audit.Auditor;
import dev.tollgate.core.secret.TimeOrderedIds;
import dev.tollgate.port.RequestContext;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.api.Problem;
import dev.tollgate.port.settings.ThrottleSettings;
import dev.tollgate.port.settings.ThrottleSettings.Action;
import dev.tollgate.port.settings.ThrottleSettings.Limit;
import dev.tollgate.port.settings.ThrottleSettings.Rule;
import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.tck.support.MutableClock;
import dev.tollgate.tck.support.SeededRandomSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The failed-verification throttle answers from what this process learnt of its counter for a
 * second, so the hot path reads no counter per call, while failures are still counted in the
 * store exactly and another process's are seen within the second.
 */
class ThrottlesTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int LIMIT = 3;
    private static final ThrottleSettings SETTINGS = new ThrottleSettings(Map.of(
            Action.KEY_VERIFICATION, new Rule(Limit.of(LIMIT, WINDOW), null)));
    private static final TenantId TENANT = TenantId.DEFAULT;
    private static final RequestContext CLIENT = RequestContext.of("203.0.113.7", "test");

    private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-01T10:00:00Z"));
    private final CountingCounters counters = new CountingCounters(new InMemoryWindowCounters());

    private Throttles process() {
        return new Throttles(counters, SETTINGS, clock,
                new Auditor(new InMemoryAuditLog(), clock, new TimeOrderedIds(clock, new SeededRandomSource(7))));
    }

    @Test
    void manyChecksWithinASecond_readTheCounterOnce() {
        Throttles throttles = process();

        for (int i = 0; i < 100; i++) {
            assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();
        }
        assertThat(counters.reads).as("reads of the counter within one second").hasValue(1);

        clock.advance(Throttles.FRESH_FOR);
        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();
        assertThat(counters.reads).as("a second later the counter is read again").hasValue(2);
    }

    @Test
    void thisProcessesOwnFailures_refuseAtOnce_withoutReadingTheCounter() {
        Throttles throttles = process();
        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();
        Instant windowEnd = clock.instant().plus(WINDOW);

        for (int i = 0; i < LIMIT; i++) {
            throttles.failed(Action.KEY_VERIFICATION, TENANT, CLIENT);
        }

        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT))
                .contains(new Problem.RateLimited(windowEnd, LIMIT));
        assertThat(counters.reads).hasValue(1);
    }

    @Test
    void failures_areCountedInTheStoreExactly() {
        Throttles throttles = process();

        throttles.failed(Action.KEY_VERIFICATION, TENANT, CLIENT);
        throttles.failed(Action.KEY_VERIFICATION, TENANT, CLIENT);

        assertThat(counters.acquisitions).hasValue(2);
        assertThat(counters.lastCount).as("the store's count after the last failure").hasValue(2);
    }

    @Test
    void anotherProcessesFailures_areSeenWithinASecond() {
        Throttles here = process();
        Throttles elsewhere = process();
        assertThat(here.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();

        for (int i = 0; i < LIMIT; i++) {
            elsewhere.failed(Action.KEY_VERIFICATION, TENANT, CLIENT);
        }
        clock.advance(Throttles.FRESH_FOR);

        assertThat(here.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isPresent();
    }

    @Test
    void aRefusal_endsWithItsWindow_evenWhenLearntWithinTheSecond() {
        Throttles throttles = process();
        for (int i = 0; i < LIMIT; i++) {
            throttles.failed(Action.KEY_VERIFICATION, TENANT, CLIENT);
        }
        clock.advance(WINDOW.minusMillis(500));
        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isPresent();

        clock.advance(Duration.ofMillis(500));

        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();
    }

    @Test
    void aReadThatFoundNoWindow_doesNotHideAFailureCountedSince() {
        Throttles throttles = process();
        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();
        for (int i = 0; i < LIMIT; i++) {
            throttles.failed(Action.KEY_VERIFICATION, TENANT, CLIENT);
        }
        clock.advance(Throttles.FRESH_FOR);

        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isPresent();
        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isPresent();
    }

    @Test
    void whileOneCallReadsAStaleCounter_theOthersGoOnWithWhatWasLearnt() throws Exception {
        Throttles throttles = process();
        for (int i = 0; i < LIMIT; i++) {
            throttles.failed(Action.KEY_VERIFICATION, TENANT, CLIENT);
        }
        clock.advance(Throttles.FRESH_FOR);

        try (HeldRead first = new HeldRead(throttles)) {
            assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT))
                    .as("a call during the read answers from the news learnt").isPresent();
            assertThat(counters.reads).as("one read in flight, no second one").hasValue(1);

            assertThat(first.answer()).isPresent();
        }

        clock.advance(Throttles.FRESH_FOR.multipliedBy(2));
        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isPresent();
        assertThat(counters.reads).as("once the read ended, stale news is read again").hasValue(2);
    }

    @Test
    void newsOlderThanTwoSeconds_isReadAgainEvenWhileAnotherReadIsInFlight() throws Exception {
        Throttles throttles = process();
        assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();
        clock.advance(Throttles.FRESH_FOR);

        try (HeldRead first = new HeldRead(throttles)) {
            clock.advance(Throttles.FRESH_FOR);

            assertThat(throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT)).isEmpty();
            assertThat(counters.reads).as("news two seconds old is not trusted, even during a read").hasValue(3);

            assertThat(first.answer()).isEmpty();
        }
    }

    /**
     * A check of the client's throttle on a thread of its own, whose read of the counter is held
     * open until {@link #answer()}: made once the check is inside the read; reads after it pass.
     */
    private final class HeldRead implements AutoCloseable {

        private final CountDownLatch inRead = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<Optional<Problem.RateLimited>> answer;

        HeldRead(Throttles throttles) throws InterruptedException {
            counters.duringRead = () -> {
                counters.duringRead = () -> { };
                inRead.countDown();
                awaitRelease();
            };
            answer = thread.submit(() -> throttles.exhausted(Action.KEY_VERIFICATION, TENANT, CLIENT));
            assertThat(inRead.await(30, TimeUnit.SECONDS)).as("the check reads the counter").isTrue();
        }

        /** Lets the read end, and answers what the check answered. */
        Optional<Problem.RateLimited> answer() throws Exception {
            release.countDown();
            return answer.get(30, TimeUnit.SECONDS);
        }

        private void awaitRelease() {
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the read");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdownNow();
        }
    }

    /** Window counters that count the calls they answer. */
    private static final class CountingCounters implements WindowCounters {

        private final WindowCounters counters;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger acquisitions = new AtomicInteger();
        final AtomicInteger lastCount = new AtomicInteger();
        /** Run inside each read, before the counter answers. */
        volatile Runnable duringRead = () -> { };

        CountingCounters(WindowCounters counters) {
            this.counters = counters;
        }

        @Override
        public Acquisition tryAcquire(CounterKey key, WindowLimit limit, Instant now) {
            acquisitions.incrementAndGet();
            Acquisition acquired = counters.tryAcquire(key, limit, now);
            lastCount.set(acquired.count());
            return acquired;
        }

        @Override
        public Optional<OpenWindow> current(CounterKey key, Instant now) {
            reads.incrementAndGet();
            duringRead.run();
            return counters.current(key, now);
        }
    }
}
