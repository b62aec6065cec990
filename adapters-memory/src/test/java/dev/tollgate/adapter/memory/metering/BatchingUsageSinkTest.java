package dev.tollgate.adapter.memory.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.StoreUnavailableException;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.settings.UsageSettings;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.LoggedUsage;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsagePosition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sink's queue, batches, retries and stop, against a store that can fail or hold a write. */
class BatchingUsageSinkTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final UserRef USER = new UserRef(TenantId.DEFAULT, new UserId(UUID.randomUUID()));
    private static final ApiKeyId KEY = new ApiKeyId(UUID.randomUUID());
    private static final UsageSettings SETTINGS = UsageSettings.DEFAULTS.withFlushInterval(Duration.ofMillis(100));

    private final ScriptedLog log = new ScriptedLog();

    @Test
    void theWriter_writesWithoutAFlush_inBatchesOfAtMostTheBatchSize() throws Exception {
        BatchingUsageSink recorder = recorder(SETTINGS.withBatchSize(4));
        log.hold = new CountDownLatch(1);
        recorder.record(event(1));
        assertThat(log.entered.await(60, TimeUnit.SECONDS)).as("the writer took the first event").isTrue();
        for (int i = 0; i < 10; i++) {
            recorder.record(event(1));
        }
        log.hold.countDown();

        awaitWritten(recorder, 11);

        assertThat(log.batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 4));
        assertThat(log.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(11);
        assertThat(total()).isEqualTo(11);
        recorder.close();
    }

    @Test
    void aBatchTheStoreRefuses_isTriedAgain_untilItIsWritten() throws Exception {
        BatchingUsageSink recorder = recorder(SETTINGS);
        log.failures.set(2);
        recorder.record(event(5));

        awaitWritten(recorder, 1);

        assertThat(recorder.failedWrites()).isEqualTo(2);
        assertThat(recorder.dropped()).isZero();
        assertThat(total()).isEqualTo(5);
        recorder.close();
    }

    @Test
    void aFullQueue_dropsTheEvent_andCountsIt() throws Exception {
        BatchingUsageSink recorder = recorder(SETTINGS.withQueueCapacity(3));
        log.hold = new CountDownLatch(1);
        recorder.record(event(1));
        assertThat(log.entered.await(60, TimeUnit.SECONDS)).isTrue();

        List<Long> droppedAfterEach = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            recorder.record(event(1));
            droppedAfterEach.add(recorder.dropped());
        }

        assertThat(droppedAfterEach).as("only the event beyond the capacity is dropped").containsExactly(0L, 0L, 0L, 1L);
        assertThat(recorder.dropped()).isEqualTo(1);
        assertThat(recorder.pending()).isEqualTo(3);
        log.hold.countDown();
        recorder.close();
        assertThat(total()).isEqualTo(4);
    }

    @Test
    void withAFullQueueWait_aCallWaitsForRoom_andItsEventIsWritten() throws Exception {
        BatchingUsageSink recorder = recorder(SETTINGS.withQueueCapacity(2).withFullQueueWait(Duration.ofMinutes(1)));
        log.hold = new CountDownLatch(1);
        recorder.record(event(1));
        assertThat(log.entered.await(60, TimeUnit.SECONDS)).isTrue();
        recorder.record(event(1));
        recorder.record(event(1));

        Thread caller = new Thread(() -> recorder.record(event(1)));
        caller.start();
        awaitWaiting(caller);
        assertThat(caller.isAlive()).as("the call waits while the queue is full").isTrue();
        log.hold.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(caller.isAlive()).as("the call returned once the writer made room").isFalse();
        recorder.close();
        assertThat(recorder.dropped()).isZero();
        assertThat(total()).isEqualTo(4);
    }

    @Test
    void withAFullQueueWait_aQueueStillFullAfterIt_dropsTheEvent() throws Exception {
        BatchingUsageSink recorder = recorder(SETTINGS.withQueueCapacity(1).withFullQueueWait(Duration.ofMillis(20)));
        log.hold = new CountDownLatch(1);
        recorder.record(event(1));
        assertThat(log.entered.await(60, TimeUnit.SECONDS)).isTrue();
        recorder.record(event(1));

        recorder.record(event(1));

        assertThat(recorder.dropped()).as("the writer is held past the wait").isEqualTo(1);
        log.hold.countDown();
        recorder.close();
        assertThat(total()).isEqualTo(2);
    }

    @Test
    void aFullQueueWait_isBetweenZeroAndAMinute() {
        assertThatThrownBy(() -> SETTINGS.withFullQueueWait(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fullQueueWait");
        assertThatThrownBy(() -> SETTINGS.withFullQueueWait(Duration.ofSeconds(61)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fullQueueWait");
        assertThat(UsageSettings.DEFAULTS.fullQueueWait()).isZero();
    }

    @Test
    void close_writesWhatIsQueued_andLaterEventsAreDropped() {
        BatchingUsageSink recorder = recorder(SETTINGS.withFlushInterval(Duration.ofHours(1)));
        for (int i = 0; i < 7; i++) {
            recorder.record(event(2));
        }

        recorder.close();

        assertThat(total()).isEqualTo(14);
        recorder.record(event(1));
        assertThat(recorder.dropped()).isEqualTo(1);
        assertThat(recorder.written()).isEqualTo(7);
    }

    @Test
    void aStoreStillRefusingAtClose_losesTheBatch_countedAsDropped() {
        BatchingUsageSink recorder = recorder(SETTINGS.withFlushInterval(Duration.ofHours(1)));
        recorder.record(event(1));
        recorder.record(event(1));
        log.failures.set(Integer.MAX_VALUE);

        recorder.close();

        assertThat(recorder.dropped()).isEqualTo(2);
        assertThat(recorder.written()).isZero();
    }

    @Test
    void eventsPastTheirRetention_arePurged_andTheAggregatesStay() throws Exception {
        log.append(List.of(new UsageEvent(USER, KEY, "credits", 3, UsageEvent.GRANTED, NOW.minus(Duration.ofDays(40)))),
                ZoneOffset.UTC);
        BatchingUsageSink recorder = recorder(SETTINGS.withRetention(Duration.ofDays(30)));

        recorder.record(event(1));
        awaitWritten(recorder, 1);
        awaitPurged(USER);

        assertThat(log.recent(USER, 10)).extracting(UsageEvent::at).containsExactly(NOW);
        assertThat(total()).isEqualTo(4);
        recorder.close();
    }

    @Test
    void eventsOfAnotherTenant_areNotPurged_whateverTheirAge() throws Exception {
        UserRef otherTenants = UserRef.of(TenantId.of("other-tenant"), USER.id());
        Instant old = NOW.minus(Duration.ofDays(40));
        log.append(List.of(new UsageEvent(USER, KEY, "credits", 3, UsageEvent.GRANTED, old),
                new UsageEvent(otherTenants, KEY, "credits", 3, UsageEvent.GRANTED, old)), ZoneOffset.UTC);
        BatchingUsageSink recorder = recorder(SETTINGS.withRetention(Duration.ofDays(30)));

        recorder.record(event(1));
        awaitWritten(recorder, 1);
        awaitPurged(USER);
        recorder.close();

        assertThat(log.recent(USER, 10)).extracting(UsageEvent::at).containsExactly(NOW);
        assertThat(log.recent(otherTenants, 10)).extracting(UsageEvent::at).containsExactly(old);
    }

    /** The purge runs on the writer thread after the write: waits until the user's old event is gone. */
    private void awaitPurged(UserRef user) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (log.recent(user, 10).size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private BatchingUsageSink recorder(UsageSettings settings) {
        return new BatchingUsageSink(log, settings, ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static UsageEvent event(long cost) {
        return new UsageEvent(USER, KEY, "credits", cost, UsageEvent.GRANTED, NOW);
    }

    private long total() {
        return log.daily(USER, DayRange.of(LocalDate.MIN, LocalDate.MAX)).stream().mapToLong(DailyUsage::units).sum();
    }

    /** Waits until the thread is parked (waiting for room in the queue) or has ended. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (thread.isAlive() && thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Waits for the writer thread, which writes on its own schedule. */
    private static void awaitWritten(BatchingUsageSink recorder, long events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recorder.written() < events && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(recorder.written()).as("events written by the writer thread").isEqualTo(events);
    }

    /** The in-memory log, which can refuse the next appends or hold the first one until released. */
    private static final class ScriptedLog implements UsageLog {
        final InMemoryUsageLog delegate = new InMemoryUsageLog();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch hold;

        @Override
        public void append(List<UsageEvent> events, ZoneId zone) {
            entered.countDown();
            CountDownLatch gate = hold;
            if (gate != null) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failures.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) {
                throw new StoreUnavailableException("scripted outage", null);
            }
            batchSizes.add(events.size());
            delegate.append(events, zone);
        }

        @Override
        public List<DailyUsage> daily(UserRef user, DayRange days) {
            return delegate.daily(user, days);
        }

        @Override
        public List<UsageEvent> recent(UserRef user, int limit) {
            return delegate.recent(user, limit);
        }

        @Override
        public List<LoggedUsage> page(UserRef user, Optional<UsagePosition> after, int limit) {
            return delegate.page(user, after, limit);
        }

        @Override
        public int purgeEventsBefore(TenantId tenant, Instant cutoff) {
            return delegate.purgeEventsBefore(tenant, cutoff);
        }

        @Override
        public int deleteAll(UserRef user) {
            return delegate.deleteAll(user);
        }
    }
}
