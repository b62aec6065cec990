package dev.tollgate.tck.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.cache.Invalidation;
import dev.tollgate.port.spi.cache.InvalidationBus;
import dev.tollgate.tck.internal.Eventually;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link InvalidationBus}. A bus proves itself by extending this class and
 * answering {@link #newBus()}: each call a new bus on one channel, as another process sharing
 * the store would open it. A bus that only ever serves one process overrides
 * {@link #peerOf(InvalidationBus)} to answer the bus itself. Every bus {@link #newBus()}
 * answers is closed after the test.
 *
 * <p>Waits end as soon as the notice arrives and give up only after
 * {@link Eventually#PATIENCE}; a notice is not expected to arrive in any set time here, the
 * benchmarks measure that. Each test publishes notices of a tenant of its own, and listeners
 * look only at those, so tests may share one channel and run beside others.
 */
public abstract class InvalidationBusContract {

    private final List<InvalidationBus> opened = new ArrayList<>();
    private final TenantId tenant = Unique.tenant();

    /** A new bus on the channel under test, as another process would open it. */
    protected abstract InvalidationBus newBus();

    /**
     * The bus that plays another process beside {@code bus}: by default a {@link #newBus()}; a
     * bus that serves one process only answers {@code bus} itself.
     */
    protected InvalidationBus peerOf(InvalidationBus bus) {
        return open();
    }

    @AfterEach
    void closeBuses() {
        opened.forEach(InvalidationBus::close);
        opened.clear();
    }

    private InvalidationBus open() {
        InvalidationBus bus = newBus();
        opened.add(bus);
        assertThat(Eventually.holds(bus::connected)).as("the bus connects").isTrue();
        return bus;
    }

    private UserRef someUser() {
        return new UserRef(tenant, new UserId(UUID.randomUUID()));
    }

    /** The notices of this test's tenant that {@code bus} hands its listeners. */
    private ConcurrentLinkedQueue<Invalidation> heardOn(InvalidationBus bus) {
        ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
        bus.subscribe(notice -> {
            if (notice.tenant().equals(Optional.of(tenant))) {
                heard.add(notice);
            }
        });
        return heard;
    }

    @Test
    void aNoticeOfAUser_publishedOnOneBus_reachesTheListenersOfAnother() {
        InvalidationBus publisher = open();
        InvalidationBus other = peerOf(publisher);
        ConcurrentLinkedQueue<Invalidation> heard = heardOn(other);
        Invalidation notice = Invalidation.of(someUser());

        publisher.publish(notice);

        assertThat(Eventually.holds(() -> heard.contains(notice))).isTrue();
    }

    @Test
    void aNoticeOfATenant_arrivesIntact() {
        InvalidationBus publisher = open();
        InvalidationBus other = peerOf(publisher);
        ConcurrentLinkedQueue<Invalidation> heard = heardOn(other);

        publisher.publish(Invalidation.of(tenant));

        assertThat(Eventually.holds(() -> heard.contains(Invalidation.of(tenant)))).isTrue();
        assertThat(heard).allSatisfy(notice -> assertThat(notice.scope()).isEqualTo(Invalidation.Scope.TENANT));
    }

    @Test
    void aNoticeOfTheIpRules_publishedOnOneBus_reachesTheListenersOfAnother_intact() {
        InvalidationBus publisher = open();
        InvalidationBus other = peerOf(publisher);
        ConcurrentLinkedQueue<Invalidation> heard = new ConcurrentLinkedQueue<>();
        other.subscribe(notice -> {
            if (notice.scope() == Invalidation.Scope.NETWORK) {
                heard.add(notice);
            }
        });

        publisher.publish(Invalidation.network());

        assertThat(Eventually.holds(() -> !heard.isEmpty())).isTrue();
        assertThat(heard).allSatisfy(notice -> {
            assertThat(notice).isEqualTo(Invalidation.network());
            assertThat(notice.tenant()).isEmpty();
            assertThat(notice.user()).isEmpty();
        });
    }

    @Test
    void thePublishersOwnListeners_hearItsNoticesToo() {
        InvalidationBus bus = open();
        ConcurrentLinkedQueue<Invalidation> heard = heardOn(bus);
        Invalidation notice = Invalidation.of(someUser());

        bus.publish(notice);

        assertThat(Eventually.holds(() -> heard.contains(notice))).isTrue();
    }

    @Test
    void everyListenerOfABus_hearsEachNotice() {
        InvalidationBus publisher = open();
        InvalidationBus other = peerOf(publisher);
        ConcurrentLinkedQueue<Invalidation> first = heardOn(other);
        ConcurrentLinkedQueue<Invalidation> second = heardOn(other);
        Invalidation notice = Invalidation.of(someUser());

        publisher.publish(notice);

        assertThat(Eventually.holds(() -> first.contains(notice) && second.contains(notice))).isTrue();
    }

    @Test
    void aListeningClosed_hearsNothingMore_whileOthersStillDo() {
        InvalidationBus publisher = open();
        InvalidationBus other = peerOf(publisher);
        ConcurrentLinkedQueue<Invalidation> stopped = new ConcurrentLinkedQueue<>();
        InvalidationBus.Listening listening = other.subscribe(notice -> {
            if (notice.tenant().equals(Optional.of(tenant))) {
                stopped.add(notice);
            }
        });
        ConcurrentLinkedQueue<Invalidation> still = heardOn(other);
        listening.close();
        Invalidation notice = Invalidation.of(someUser());

        publisher.publish(notice);

        assertThat(Eventually.holds(() -> still.contains(notice))).isTrue();
        assertThat(stopped).isEmpty();
    }

    @Test
    void aListenerThatThrows_doesNotStopTheNoticesAfterIt() {
        InvalidationBus publisher = open();
        InvalidationBus other = peerOf(publisher);
        other.subscribe(notice -> {
            throw new IllegalStateException("a careless listener");
        });
        ConcurrentLinkedQueue<Invalidation> heard = heardOn(other);
        Invalidation first = Invalidation.of(someUser());
        Invalidation second = Invalidation.of(someUser());

        assertThatCode(() -> publisher.publish(first)).doesNotThrowAnyException();
        assertThatCode(() -> publisher.publish(second)).doesNotThrowAnyException();

        assertThat(Eventually.holds(() -> heard.contains(first) && heard.contains(second))).isTrue();
    }

    @Test
    void noticesPublishedFromManyThreadsAtOnce_allArrive() throws Exception {
        InvalidationBus publisher = open();
        InvalidationBus other = peerOf(publisher);
        ConcurrentLinkedQueue<Invalidation> heard = heardOn(other);
        int threads = 8;
        int each = 25;
        Set<Invalidation> sent = new HashSet<>();
        List<List<Invalidation>> batches = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Invalidation> batch = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                batch.add(Invalidation.of(someUser()));
            }
            batches.add(batch);
            sent.addAll(batch);
        }

        Race.run(threads, index -> {
            batches.get(index).forEach(publisher::publish);
            return index;
        });

        assertThat(Eventually.holds(() -> new HashSet<>(heard).containsAll(sent))).isTrue();
    }

    @Test
    void aClosedBus_isNotConnected_andPublishingOnItNeitherThrowsNorReachesAnyone() {
        InvalidationBus closed = newBus();
        assertThat(Eventually.holds(closed::connected)).isTrue();
        ConcurrentLinkedQueue<Invalidation> heardByClosed = heardOn(closed);
        closed.close();

        assertThat(closed.connected()).isFalse();
        assertThatCode(() -> closed.publish(Invalidation.of(someUser()))).doesNotThrowAnyException();
        InvalidationBus live = open();
        ConcurrentLinkedQueue<Invalidation> heard = heardOn(peerOf(live));
        Invalidation marker = Invalidation.of(someUser());
        live.publish(marker);
        assertThat(Eventually.holds(() -> heard.contains(marker))).isTrue();
        assertThat(heardByClosed).isEmpty();
    }
}
