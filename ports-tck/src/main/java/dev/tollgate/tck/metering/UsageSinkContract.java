package dev.tollgate.tck.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsageSink;
import dev.tollgate.tck.internal.Unique;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UsageSink}. A sink proves itself by extending this class and answering
 * {@link #usageLog()} (any log that passes {@link UsageLogContract}) and {@link #usageSink}, both
 * called before every test: the sink is to write to that log, appending with the zone
 * {@link #ZONE}. Each test uses fresh users.
 *
 * <p>Beyond the Javadoc of {@link UsageSink}, the contract pins these readings: {@code flush}
 * writes every event recorded before it, each once, into the log's events and daily totals; and
 * an event the log refuses (its day beyond the usage days) is dropped, failing neither
 * {@code record} nor {@code flush}. Not pinned: when, short of a flush, a sink writes, and what
 * else is dropped with a refused event that it writes in the same batch.
 */
public abstract class UsageSinkContract {

    /** The zone a sink under test appends with. */
    protected static final ZoneId ZONE = ZoneOffset.UTC;

    private static final Instant T0 = Instant.parse("2025-05-03T09:30:00.789Z");

    private UsageLog log;
    private UsageSink sink;
    private UserRef user;
    private ApiKeyId key;

    /** The sink under test, writing to {@code log} with {@link #ZONE}; called before each test. */
    protected abstract UsageSink usageSink(UsageLog log);

    /** The log the sink is to write to; called before each test. */
    protected abstract UsageLog usageLog();

    @BeforeEach
    void setUpUsageSink() {
        log = usageLog();
        sink = usageSink(log);
        user = Unique.user();
        key = new ApiKeyId(Unique.uuid());
    }

    @Test
    void aFlush_writesEveryEventRecordedBeforeIt_once() {
        List<UsageEvent> events = IntStream.range(0, 5)
                .mapToObj(i -> new UsageEvent(user, key, "credits", i + 1, UsageEvent.GRANTED, T0.plusSeconds(i)))
                .toList();
        events.forEach(sink::record);

        sink.flush();
        sink.flush();

        assertThat(log.recent(user, 100)).containsExactlyInAnyOrderElementsOf(events);
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.MAX)))
                .containsExactly(new DailyUsage(user, LocalDate.of(2025, 5, 3), key, "credits", 5, 5, 15));
    }

    @Test
    void aFlushWithNothingRecorded_writesNothing() {
        sink.flush();

        assertThat(log.recent(user, 10)).isEmpty();
    }

    @Test
    void anEventTheLogRefuses_isDropped_failingNeitherRecordNorFlush() {
        UsageEvent good = new UsageEvent(user, key, "credits", 1, UsageEvent.GRANTED, T0);
        UsageEvent beyond = new UsageEvent(user, key, "credits", 1, UsageEvent.GRANTED,
                Instant.parse("+10000-01-01T00:00:00Z"));

        assertThatCode(() -> {
            sink.record(beyond);
            sink.flush();
            sink.record(good);
            sink.flush();
        }).doesNotThrowAnyException();

        assertThat(log.recent(user, 10)).containsExactly(good);
    }
}
