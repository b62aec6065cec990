package dev.tollgate.tck.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.port.spi.limit.Acquisition;
import dev.tollgate.port.spi.limit.CounterKey;
import dev.tollgate.port.spi.limit.WindowCounters;
import dev.tollgate.port.spi.limit.WindowCounters.OpenWindow;
import dev.tollgate.port.spi.limit.WindowLimit;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WindowCounters}. A store proves itself by extending this class and
 * answering {@link #windowCounters()}, which is called before every test and may answer one
 * store shared by all tests: each test uses fresh keys and never assumes the store is empty.
 * A store must keep instants to at least the millisecond.
 *
 * <p>Beyond the Javadoc of {@link WindowCounters}, the contract pins these readings: a granted
 * call answers {@code GRANTED} with the window's count after it and the window's end; a refused
 * call answers {@code REFUSED} with the count the window holds (the limit) and the end of that
 * window; keys up to {@link CounterKey#MAX_LENGTH} characters are compared in full; and
 * {@code current} at the very end of a window finds none. (An empty or longer key, a limit below
 * 1 and a window that is not positive cannot reach a store: {@link CounterKey} and
 * {@link WindowLimit} refuse to be made of them.)
 */
public abstract class WindowCountersContract {

    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");
    private static final Duration WINDOW = Duration.ofHours(1);

    private WindowCounters counters;
    private CounterKey key;

    /** The store under test; called before each test. */
    protected abstract WindowCounters windowCounters();

    @BeforeEach
    void setUpWindowCounters() {
        counters = windowCounters();
        key = CounterKey.of("tck:" + Unique.tag());
    }

    /** At most {@code calls} per {@link #WINDOW}. */
    private static WindowLimit limit(int calls) {
        return WindowLimit.of(calls, WINDOW);
    }

    @Test
    void theFirstCall_opensAWindow_withCountOne_endingAWindowLater() {
        assertThat(counters.tryAcquire(key, limit(3), T0)).isEqualTo(Acquisition.granted(1, T0.plus(WINDOW)));
    }

    @Test
    void callsUpToTheLimit_areGranted_inTheWindowTheFirstCallOpened() {
        List<Acquisition> results = IntStream.range(0, 3)
                .mapToObj(i -> counters.tryAcquire(key, limit(3), T0.plusSeconds(i * 60L)))
                .toList();

        assertThat(results).containsExactly(
                Acquisition.granted(1, T0.plus(WINDOW)),
                Acquisition.granted(2, T0.plus(WINDOW)),
                Acquisition.granted(3, T0.plus(WINDOW)));
    }

    @Test
    void callsBeyondTheLimit_areRefused_andCountNothing() {
        acquireTimes(key, 3, T0);

        Acquisition refused = counters.tryAcquire(key, limit(3), T0.plusSeconds(10));
        Acquisition refusedAgain = counters.tryAcquire(key, limit(3), T0.plus(WINDOW).minusMillis(1));

        assertThat(refused).isEqualTo(Acquisition.refused(3, T0.plus(WINDOW)));
        assertThat(refusedAgain).isEqualTo(Acquisition.refused(3, T0.plus(WINDOW)));
    }

    @Test
    void whenTheWindowEnds_aNewOneOpens() {
        acquireTimes(key, 3, T0);
        Instant end = T0.plus(WINDOW);

        Acquisition atTheEnd = counters.tryAcquire(key, limit(3), end);
        Acquisition next = counters.tryAcquire(key, limit(3), end.plusSeconds(1));

        assertThat(atTheEnd).isEqualTo(Acquisition.granted(1, end.plus(WINDOW)));
        assertThat(next).isEqualTo(Acquisition.granted(2, end.plus(WINDOW)));
    }

    @Test
    void longAfterTheWindowEnds_aNewOneOpensAtTheCall() {
        acquireTimes(key, 3, T0);
        Instant later = T0.plus(WINDOW.multipliedBy(5)).plusMillis(17);

        assertThat(counters.tryAcquire(key, limit(3), later)).isEqualTo(Acquisition.granted(1, later.plus(WINDOW)));
    }

    @Test
    void keys_countIndependently() {
        CounterKey other = CounterKey.of("tck:" + Unique.tag());
        acquireTimes(key, 3, T0);

        assertThat(counters.tryAcquire(other, limit(3), T0.plusSeconds(5))).isEqualTo(Acquisition.granted(1, T0.plusSeconds(5).plus(WINDOW)));
        assertThat(counters.tryAcquire(key, limit(3), T0.plusSeconds(5)).isGranted()).isFalse();
    }

    @Test
    void keysOfTheLongestLengthAStoreMustAccept_areComparedInFull() {
        String prefix = key.value() + ":" + "k".repeat(CounterKey.MAX_LENGTH - key.value().length() - 2);
        CounterKey first = CounterKey.of(prefix + "a");
        CounterKey second = CounterKey.of(prefix + "b");
        assertThat(first.value()).hasSize(CounterKey.MAX_LENGTH);
        acquireTimes(first, 1, T0);

        assertThat(counters.tryAcquire(first, limit(1), T0).isGranted()).isFalse();
        assertThat(counters.tryAcquire(second, limit(1), T0).isGranted()).isTrue();
    }

    @Test
    void ofConcurrentCalls_noMoreThanTheLimitAreGranted() {
        List<Acquisition> results = Race.run(i -> counters.tryAcquire(key, limit(10), T0));

        assertThat(results).filteredOn(Acquisition::isGranted)
                .extracting(Acquisition::count).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(results).filteredOn(r -> !r.isGranted())
                .hasSize(Race.THREADS - 10)
                .allSatisfy(r -> assertThat(r.count()).isEqualTo(10));
        assertThat(results).extracting(Acquisition::resetsAt).containsOnly(T0.plus(WINDOW));
    }

    @Test
    void ofSeveralCallsOfOneCounterByEachOfManyRacers_exactlyTheLimitIsGranted_eachCountOnce() {
        List<List<Acquisition>> results = Race.run(64, i -> IntStream.range(0, 5)
                .mapToObj(call -> counters.tryAcquire(key, limit(100), T0.plusMillis(call)))
                .toList());

        List<Acquisition> all = results.stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(Acquisition::isGranted).extracting(Acquisition::count)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 100).boxed().toList());
        assertThat(all).filteredOn(r -> !r.isGranted()).hasSize(64 * 5 - 100)
                .allSatisfy(r -> assertThat(r).isEqualTo(Acquisition.refused(100, T0.plus(WINDOW))));
        assertThat(all).filteredOn(Acquisition::isGranted).extracting(Acquisition::resetsAt).containsOnly(T0.plus(WINDOW));
    }

    @Test
    void ofConcurrentCallsAcrossManyCounters_eachGrantsExactlyItsLimit() {
        List<CounterKey> keys = IntStream.range(0, 8).mapToObj(i -> CounterKey.of(key.value() + ":" + i)).toList();

        List<List<Acquisition>> results = Race.run(64, i -> IntStream.range(0, keys.size())
                .mapToObj(step -> counters.tryAcquire(keys.get((i + step) % keys.size()), limit(20), T0))
                .toList());

        for (int k = 0; k < keys.size(); k++) {
            int counter = k;
            List<Acquisition> ofKey = IntStream.range(0, results.size())
                    .mapToObj(i -> results.get(i).get(Math.floorMod(counter - i, keys.size())))
                    .toList();
            assertThat(ofKey).as("counter %d", k).filteredOn(Acquisition::isGranted).extracting(Acquisition::count)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
            assertThat(counters.current(keys.get(k), T0)).contains(new OpenWindow(20, T0.plus(WINDOW)));
        }
    }

    @Test
    void current_showsTheOpenWindow_andCountsNothing() {
        counters.tryAcquire(key, limit(3), T0);
        counters.tryAcquire(key, limit(3), T0.plusSeconds(1));

        assertThat(counters.current(key, T0.plusSeconds(2))).contains(new OpenWindow(2, T0.plus(WINDOW)));
        assertThat(counters.current(key, T0.plusSeconds(3))).contains(new OpenWindow(2, T0.plus(WINDOW)));
        assertThat(counters.tryAcquire(key, limit(3), T0.plusSeconds(4))).isEqualTo(Acquisition.granted(3, T0.plus(WINDOW)));
    }

    @Test
    void current_ofAFullWindow_showsTheLimit() {
        acquireTimes(key, 2, T0);
        counters.tryAcquire(key, limit(2), T0);

        assertThat(counters.current(key, T0.plusSeconds(59))).contains(new OpenWindow(2, T0.plus(WINDOW)));
    }

    @Test
    void current_isEmpty_forAnUnknownKey_andOnceTheWindowHasEnded() {
        counters.tryAcquire(key, limit(3), T0);

        assertThat(counters.current(CounterKey.of("tck:" + Unique.tag()), T0)).isEmpty();
        assertThat(counters.current(key, T0.plus(WINDOW).minusMillis(1))).isPresent();
        assertThat(counters.current(key, T0.plus(WINDOW))).isEmpty();
    }

    private void acquireTimes(CounterKey counterKey, int limit, Instant now) {
        for (int i = 0; i < limit; i++) {
            assertThat(counters.tryAcquire(counterKey, limit(limit), now).isGranted()).as("setting up: call %d granted", i + 1).isTrue();
        }
    }
}
