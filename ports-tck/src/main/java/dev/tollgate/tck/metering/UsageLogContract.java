package dev.tollgate.tck.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UsageContext;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.LoggedUsage;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.UsageDay;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsagePosition;
import dev.tollgate.tck.internal.Race;
import dev.tollgate.tck.internal.Unique;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UsageLog}. Extend it with a factory for your store; every test uses
 * fresh users, so one database may serve all of them. Instants keep at least milliseconds; meter
 * names may hold any character a {@link UsageEvent} accepts (lone surrogates and NUL aside).
 *
 * <p>Beyond the Javadoc of {@link UsageLog}, the contract pins these readings:
 * <ul>
 *   <li>{@code daily} orders meters by code point (as UTF-8 bytes compare, whatever the
 *       database's locale) and keys as unsigned 128-bit numbers (as databases compare UUIDs).</li>
 *   <li>{@code recent} answers events of the same instant in the reverse order of appending
 *       (within a batch, the reverse of the batch's order).</li>
 *   <li>Stores keep the days of a {@link UsageDay} (the years 1 to 9999). A batch with an event
 *       whose day, in the zone given, falls outside them is refused with an
 *       {@link IllegalArgumentException}, and a
 *       batch that would carry an aggregate's calls or units beyond {@link Long#MAX_VALUE} with
 *       an {@link ArithmeticException}; either way nothing of the batch is stored. A range of
 *       {@code daily} ({@link DayRange}) may reach beyond those years ({@link LocalDate#MIN} to
 *       {@link LocalDate#MAX} finds every day).</li>
 *   <li>{@code deleteAll} counts the events and the aggregates it removed.</li>
 *   <li>{@code page} answers each event as it was appended, its {@link UsageContext} (request id
 *       and tags, any Unicode a context accepts) included, with ids unique among the user's events
 *       and increasing within one append; a position is a {@link LoggedUsage#position()} the
 *       store answered. A {@code limit} outside 1 to {@link UsageLog#MAX_PAGE} is refused with an
 *       {@link IllegalArgumentException}.</li>
 *   <li>A null argument, or a batch holding null, is refused with a
 *       {@link NullPointerException}; a {@code limit} below 1 with an
 *       {@link IllegalArgumentException}. A refused call stores nothing. (A range whose
 *       {@code from} is after its {@code to} cannot reach a store: {@link DayRange} refuses to be
 *       made of it.)</li>
 * </ul>
 *
 * <p>{@code purgeEventsBefore} removes the events of every user of its tenant and of no other
 * tenant; each test works under a tenant of its own, and only the purge tests use instants
 * before 1990.
 */
public abstract class UsageLogContract {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant T0 = Instant.parse("2025-05-03T09:30:00.789Z");
    private static final LocalDate DAY0 = LocalDate.of(2025, 5, 3);
    private static final String REFUSED = "INSUFFICIENT_CREDITS";

    private UsageLog log;
    private UserRef user;
    private ApiKeyId key;

    /** The store under test; called before each test. */
    protected abstract UsageLog usageLog();

    @BeforeEach
    void setUpUsageLog() {
        log = usageLog();
        user = Unique.user();
        key = aKey();
    }

    @Test
    void append_thenDaily_showsCallsGrantedAndUnits_perKeyAndMeter() {
        ApiKeyId other = aKey();
        log.append(List.of(
                granted(key, "requests", 3, T0),
                granted(key, "requests", 4, T0.plusSeconds(1)),
                refused(key, "requests", 5, T0.plusSeconds(2)),
                granted(key, "exports", 2, T0.plusSeconds(3)),
                new UsageEvent(user, other, "requests", 1, "RATE_LIMITED", T0.plusSeconds(4))), UTC);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).containsExactlyInAnyOrder(
                usage(DAY0, key, "requests", 3, 2, 7),
                usage(DAY0, key, "exports", 1, 1, 2),
                usage(DAY0, other, "requests", 1, 0, 0));
    }

    @Test
    void severalBatches_addUp() {
        log.append(List.of(granted(key, "requests", 3, T0), refused(key, "requests", 9, T0)), UTC);
        log.append(List.of(granted(key, "requests", 10, T0.plusSeconds(60))), UTC);
        log.append(List.of(refused(key, "requests", 1, T0.plusSeconds(120)),
                granted(key, "requests", 1, T0.plusSeconds(121))), UTC);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).containsExactly(usage(DAY0, key, "requests", 5, 3, 14));
        assertThat(log.recent(user, 100)).hasSize(5);
    }

    @Test
    void anEmptyBatch_changesNothing() {
        log.append(List.of(granted(key, "requests", 3, T0)), UTC);

        log.append(List.of(), UTC);
        log.append(new ArrayList<>(), BERLIN);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).containsExactly(usage(DAY0, key, "requests", 1, 1, 3));
        assertThat(log.recent(user, 100)).containsExactly(granted(key, "requests", 3, T0));
        assertThat(log.daily(Unique.user(), DayRange.of(LocalDate.MIN, LocalDate.MAX))).isEmpty();
    }

    @Test
    void theDayOfAnEvent_isTheDayOfItsInstant_inTheZoneOfItsAppend() {
        Instant lateEvening = Instant.parse("2025-05-03T23:30:00Z");
        Instant lastBerlinMillisecond = Instant.parse("2025-05-03T21:59:59.999Z");
        Instant berlinMidnight = Instant.parse("2025-05-03T22:00:00Z");
        log.append(List.of(granted(key, "requests", 1, lateEvening)), UTC);
        log.append(List.of(
                granted(key, "requests", 10, lateEvening),
                granted(key, "requests", 100, lastBerlinMillisecond),
                granted(key, "requests", 1000, berlinMidnight)), BERLIN);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0.plusDays(1)))).containsExactly(
                usage(DAY0, key, "requests", 2, 2, 101),
                usage(DAY0.plusDays(1), key, "requests", 2, 2, 1010));
    }

    @Test
    void daily_includesBothEnds_andOrdersByDayThenMeterThenKey() {
        ApiKeyId low = new ApiKeyId(new UUID(0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0001L));
        ApiKeyId high = new ApiKeyId(new UUID(0x8000_0000_0000_0000L, 0x8000_0000_0000_0001L));
        Instant day1 = Instant.parse("2025-05-01T12:00:00Z");
        Instant day2 = day1.plus(Duration.ofDays(1));
        Instant day3 = day2.plus(Duration.ofDays(1));
        Instant day4 = day3.plus(Duration.ofDays(1));
        log.append(List.of(
                granted(high, "beta", 1, day3),
                granted(low, "beta", 2, day2),
                granted(high, "alpha", 3, day2),
                granted(low, "alpha", 4, day4),
                granted(high, "beta", 5, day2),
                granted(low, "alpha", 6, day2),
                granted(low, "alpha", 7, day1),
                granted(high, "alpha", 8, day3)), UTC);

        assertThat(log.daily(user, DayRange.of(LocalDate.of(2025, 5, 2), LocalDate.of(2025, 5, 3)))).containsExactly(
                usage(LocalDate.of(2025, 5, 2), low, "alpha", 1, 1, 6),
                usage(LocalDate.of(2025, 5, 2), high, "alpha", 1, 1, 3),
                usage(LocalDate.of(2025, 5, 2), low, "beta", 1, 1, 2),
                usage(LocalDate.of(2025, 5, 2), high, "beta", 1, 1, 5),
                usage(LocalDate.of(2025, 5, 3), high, "alpha", 1, 1, 8),
                usage(LocalDate.of(2025, 5, 3), high, "beta", 1, 1, 1));
        assertThat(log.daily(user, DayRange.of(LocalDate.of(2025, 5, 4), LocalDate.of(2025, 5, 4))))
                .containsExactly(usage(LocalDate.of(2025, 5, 4), low, "alpha", 1, 1, 4));
        assertThat(log.daily(user, DayRange.of(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 30)))).isEmpty();
    }

    @Test
    void meters_areOrderedByCodePoint_notByLocale() {
        List<String> inCodePointOrder = List.of("Zeta", "alpha", "\u00e9clair", "\uff21wide", "\ud83d\ude00smile");
        List<UsageEvent> events = new ArrayList<>();
        for (int i = inCodePointOrder.size() - 1; i >= 0; i--) {
            events.add(granted(key, inCodePointOrder.get(i), 1, T0));
        }
        log.append(events, UTC);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).extracting(DailyUsage::meter)
                .containsExactlyElementsOf(inCodePointOrder);
    }

    @Test
    void daily_ofAnOpenRange_findsEveryDay_andARangeBeyondTheYear9999_none() {
        Instant first = Instant.parse("2025-01-01T00:00:00Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999Z");
        log.append(List.of(granted(key, "requests", 1, first), granted(key, "requests", 2, last)), UTC);

        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.MAX))).containsExactly(
                usage(LocalDate.of(2025, 1, 1), key, "requests", 1, 1, 1),
                usage(LocalDate.of(9999, 12, 31), key, "requests", 1, 1, 2));
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.of(2025, 1, 1)))).hasSize(1);
        assertThat(log.daily(user, DayRange.of(LocalDate.of(9999, 12, 31), LocalDate.MAX))).hasSize(1);
        assertThat(log.daily(user, DayRange.of(LocalDate.of(10_000, 1, 1), LocalDate.MAX))).isEmpty();
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.of(2024, 12, 31)))).isEmpty();
    }

    @Test
    void users_andTenants_areIsolated() {
        UserRef sameIdElsewhere = UserRef.of(Unique.tenant(), user.id());
        UserRef neighbour = UserRef.of(user.tenant(), Unique.userId());
        UsageEvent mine = granted(key, "requests", 1, T0);
        UsageEvent theirs = new UsageEvent(sameIdElsewhere, key, "requests", 20, UsageEvent.GRANTED, T0);
        UsageEvent neighbours = new UsageEvent(neighbour, key, "requests", 300, REFUSED, T0);
        log.append(List.of(mine, theirs, neighbours), UTC);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).containsExactly(usage(DAY0, key, "requests", 1, 1, 1));
        assertThat(log.daily(sameIdElsewhere, DayRange.of(DAY0, DAY0)))
                .containsExactly(new DailyUsage(sameIdElsewhere, DAY0, key, "requests", 1, 1, 20));
        assertThat(log.daily(neighbour, DayRange.of(DAY0, DAY0)))
                .containsExactly(new DailyUsage(neighbour, DAY0, key, "requests", 1, 0, 0));
        assertThat(log.recent(user, 10)).containsExactly(mine);
        assertThat(log.recent(sameIdElsewhere, 10)).containsExactly(theirs);
        assertThat(log.recent(neighbour, 10)).containsExactly(neighbours);
        assertThat(log.recent(Unique.user(), 10)).isEmpty();
    }

    @Test
    void recent_answersNewestFirst_atMostTheLimit() {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(granted(key, "requests", i + 1, T0.plusMillis(i)));
        }
        log.append(List.of(events.get(3), events.get(0), events.get(4)), UTC);
        log.append(List.of(events.get(2), events.get(1)), UTC);

        assertThat(log.recent(user, 3)).containsExactly(events.get(4), events.get(3), events.get(2));
        assertThat(log.recent(user, 1)).containsExactly(events.get(4));
        assertThat(log.recent(user, 100))
                .containsExactly(events.get(4), events.get(3), events.get(2), events.get(1), events.get(0));
    }

    @Test
    void recent_ofEventsAtTheSameInstant_answersTheLaterAppendedFirst() {
        UsageEvent first = granted(key, "requests", 1, T0);
        UsageEvent second = granted(key, "requests", 2, T0);
        UsageEvent third = refused(key, "requests", 3, T0);
        UsageEvent older = granted(key, "requests", 4, T0.minusMillis(1));
        log.append(List.of(first, second), UTC);
        log.append(List.of(older, third), UTC);

        assertThat(log.recent(user, 10)).containsExactly(third, second, first, older);
    }

    @Test
    void anEvent_comesBackWithEveryField_keepingMilliseconds() {
        UsageEvent event = new UsageEvent(user, key, "requests", Long.MAX_VALUE, "LONGEST_" + "X".repeat(32),
                Instant.parse("2025-05-03T09:30:00.001Z"));
        UsageEvent grantedOne = granted(aKey(), "exports", 7, Instant.parse("2025-05-03T09:30:00.999Z"));

        log.append(List.of(event, grantedOne), UTC);

        assertThat(log.recent(user, 10)).containsExactly(grantedOne, event);
    }

    @Test
    void meterNamesOfAnyCharacter_roundTrip() {
        List<String> meters = List.of("exports & reports=%", "\u00fcn\u00efcode/meter \u2713", "it's \"quoted\"; --",
                "\ud83d\ude00", "spaces  and\ttabs", "m".repeat(MeterName.MAX_LENGTH),
                // what bulk formats such as CSV COPY treat specially: separators, quotes, a NULL marker
                "a,b,\"c\",\\N,\\.", "\"", "\\N");
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < meters.size(); i++) {
            events.add(granted(key, meters.get(i), i + 1, T0.plusMillis(i)));
        }

        log.append(events, UTC);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).extracting(DailyUsage::meter)
                .containsExactlyInAnyOrderElementsOf(meters);
        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).allSatisfy(usage ->
                assertThat(usage.units()).isEqualTo(meters.indexOf(usage.meter()) + 1L));
        assertThat(log.recent(user, 10)).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void purgeEventsBefore_removesOnlyOlderEvents_ofEveryUserOfTheTenant_andKeepsTheAggregates() {
        Instant cutoff = Instant.parse("1981-01-01T00:00:00Z");
        UserRef someoneElse = UserRef.of(user.tenant(), Unique.userId());
        UsageEvent atCutoff = granted(key, "requests", 4, cutoff);
        UsageEvent after = granted(key, "requests", 5, Instant.parse("1981-02-01T00:00:00Z"));
        log.append(List.of(
                granted(key, "requests", 1, Instant.parse("1980-06-01T12:00:00Z")),
                refused(key, "requests", 2, Instant.parse("1980-06-01T12:00:01Z")),
                granted(key, "requests", 3, cutoff.minusMillis(1)),
                atCutoff,
                after,
                new UsageEvent(someoneElse, key, "requests", 6, UsageEvent.GRANTED, cutoff.minusSeconds(60))), UTC);

        assertThat(log.purgeEventsBefore(user.tenant(), cutoff)).isEqualTo(4);

        assertThat(log.recent(user, 10)).containsExactly(after, atCutoff);
        assertThat(log.recent(someoneElse, 10)).isEmpty();
        assertThat(log.daily(user, DayRange.of(LocalDate.of(1980, 1, 1), LocalDate.of(1981, 12, 31)))).containsExactly(
                usage(LocalDate.of(1980, 6, 1), key, "requests", 2, 1, 1),
                usage(LocalDate.of(1980, 12, 31), key, "requests", 1, 1, 3),
                usage(LocalDate.of(1981, 1, 1), key, "requests", 1, 1, 4),
                usage(LocalDate.of(1981, 2, 1), key, "requests", 1, 1, 5));
        assertThat(log.daily(someoneElse, DayRange.of(LocalDate.MIN, LocalDate.MAX))).hasSize(1);
        assertThat(log.purgeEventsBefore(user.tenant(), cutoff)).isZero();
    }

    @Test
    void givenEventsOfTenantA_purgeOfTenantB_neitherRemovesNorCountsThem() {
        UserRef sameIdInB = UserRef.of(Unique.tenant(), user.id());
        Instant old = Instant.parse("1980-06-01T12:00:00Z");
        Instant cutoff = Instant.parse("1981-01-01T00:00:00Z");
        UsageEvent ofA = granted(key, "requests", 2, old);
        UsageEvent ofB = new UsageEvent(sameIdInB, key, "requests", 3, UsageEvent.GRANTED, old);
        log.append(List.of(ofA, ofB), UTC);

        assertThat(log.purgeEventsBefore(sameIdInB.tenant(), cutoff)).isEqualTo(1);

        assertThat(log.recent(user, 10)).containsExactly(ofA);
        assertThat(log.recent(sameIdInB, 10)).isEmpty();
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.MAX))).containsExactly(
                usage(LocalDate.of(1980, 6, 1), key, "requests", 1, 1, 2));
        assertThat(log.daily(sameIdInB, DayRange.of(LocalDate.MIN, LocalDate.MAX))).extracting(DailyUsage::units).containsExactly(3L);
    }

    @Test
    void deleteAll_removesEventsAndAggregatesOfTheUser_andNoOneElses() {
        UserRef sameIdElsewhere = UserRef.of(Unique.tenant(), user.id());
        UserRef neighbour = UserRef.of(user.tenant(), Unique.userId());
        log.append(List.of(
                granted(key, "requests", 1, T0),
                granted(key, "requests", 2, T0.plusSeconds(1)),
                granted(key, "exports", 3, T0.plusSeconds(2)),
                new UsageEvent(sameIdElsewhere, key, "requests", 4, UsageEvent.GRANTED, T0),
                new UsageEvent(neighbour, key, "requests", 5, UsageEvent.GRANTED, T0)), UTC);

        assertThat(log.deleteAll(user)).isEqualTo(3 + 2);

        assertThat(log.recent(user, 10)).isEmpty();
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.MAX))).isEmpty();
        assertThat(log.recent(sameIdElsewhere, 10)).hasSize(1);
        assertThat(log.daily(sameIdElsewhere, DayRange.of(DAY0, DAY0))).hasSize(1);
        assertThat(log.recent(neighbour, 10)).hasSize(1);
        assertThat(log.daily(neighbour, DayRange.of(DAY0, DAY0))).hasSize(1);
        assertThat(log.deleteAll(user)).isZero();
    }

    @Test
    void aBatchCarryingAnAggregateBeyondLongMaxValue_isRefusedWhole() {
        UsageEvent nearlyFull = granted(key, "middle", Long.MAX_VALUE - 5, T0);
        log.append(List.of(nearlyFull), UTC);

        // good aggregates on either side of the overflowing one, whatever order a store writes them in
        assertThatThrownBy(() -> log.append(List.of(
                granted(key, "aardvark", 1, T0.plusSeconds(1)),
                granted(key, "middle", 6, T0.plusSeconds(2)),
                granted(key, "zebra", 1, T0.plusSeconds(3))), UTC))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> log.append(List.of(
                granted(key, "within-one-batch", Long.MAX_VALUE, T0),
                granted(key, "within-one-batch", 1, T0)), UTC))
                .isInstanceOf(ArithmeticException.class);

        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).containsExactly(usage(DAY0, key, "middle", 1, 1, Long.MAX_VALUE - 5));
        assertThat(log.recent(user, 10)).containsExactly(nearlyFull);
        log.append(List.of(granted(key, "middle", 5, T0), refused(key, "middle", 100, T0)), UTC);
        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).containsExactly(usage(DAY0, key, "middle", 3, 2, Long.MAX_VALUE));
    }

    @Test
    void aBatchWithADayBeyondTheYear9999_isRefusedWhole() {
        Instant lastUtcDay = Instant.parse("9999-12-31T12:00:00Z");

        assertThatThrownBy(() -> log.append(List.of(granted(key, "requests", 1, T0),
                granted(key, "requests", 1, Instant.parse("+10000-01-01T00:00:00Z"))), UTC))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append(List.of(granted(key, "requests", 1, T0),
                granted(key, "requests", 1, lastUtcDay)), ZoneOffset.ofHours(14)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(log.recent(user, 10)).isEmpty();
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.MAX))).isEmpty();
        log.append(List.of(granted(key, "requests", 1, lastUtcDay)), UTC);
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.MAX)))
                .containsExactly(usage(LocalDate.of(9999, 12, 31), key, "requests", 1, 1, 1));
    }

    @Test
    void concurrentAppends_toTheSameAggregates_loseNoCount() {
        int threads = 16;
        int rounds = 5;
        Race.run(threads, i -> {
            for (int round = 0; round < rounds; round++) {
                List<UsageEvent> batch = new ArrayList<>(List.of(
                        granted(key, "requests", 2, T0.plusMillis(i)),
                        granted(key, "requests", 1, T0.plusMillis(i)),
                        refused(key, "exports", 1, T0.plusMillis(i))));
                if (i % 2 == 1) {
                    // the other order of rows, so a store that locks rows as they come may deadlock
                    Collections.reverse(batch);
                }
                log.append(batch, UTC);
            }
            return null;
        });

        long batches = (long) threads * rounds;
        assertThat(log.daily(user, DayRange.of(DAY0, DAY0))).containsExactly(
                usage(DAY0, key, "exports", batches, 0, 0),
                usage(DAY0, key, "requests", 2 * batches, 2 * batches, 3 * batches));
        assertThat(log.recent(user, 1000)).hasSize((int) (3 * batches));
    }

    @Test
    void badArguments_areRefused_andStoreNothing() {
        List<UsageEvent> withNull = Arrays.asList(granted(key, "requests", 1, T0), null);
        List<UsageEvent> valid = List.of(granted(key, "requests", 1, T0));

        assertThatThrownBy(() -> log.append(null, UTC)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.append(valid, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.append(withNull, UTC)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.daily(null, DayRange.of(DAY0, DAY0))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.daily(user, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.recent(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.recent(user, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.recent(user, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.purgeEventsBefore(null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.purgeEventsBefore(user.tenant(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.deleteAll(null)).isInstanceOf(NullPointerException.class);

        assertThat(log.recent(user, 10)).isEmpty();
        assertThat(log.daily(user, DayRange.of(LocalDate.MIN, LocalDate.MAX))).isEmpty();
    }

    @Test
    void page_answersNewestFirst_andEachPageContinuesAfterTheLast_withoutGapOrDuplicate() {
        log.append(List.of(granted(key, "requests", 1, T0.plusSeconds(3)), granted(key, "requests", 2, T0),
                refused(key, "requests", 3, T0.plusSeconds(6)), granted(key, "requests", 4, T0.plusMillis(1))), UTC);
        log.append(List.of(granted(key, "requests", 5, T0.plusSeconds(5)), granted(key, "requests", 6, T0.plusSeconds(1)),
                granted(key, "requests", 7, T0.plusSeconds(4))), UTC);

        List<Long> costs = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Optional<UsagePosition> after = Optional.empty();
        for (int read = 0; read < 10; read++) {
            List<LoggedUsage> page = log.page(user, after, 3);
            if (page.isEmpty()) {
                break;
            }
            sizes.add(page.size());
            page.forEach(logged -> costs.add(logged.event().cost()));
            after = Optional.of(page.get(page.size() - 1).position());
        }

        assertThat(costs).as("costs, newest first").containsExactly(3L, 5L, 7L, 1L, 6L, 4L, 2L);
        assertThat(sizes).containsExactly(3, 3, 1);
    }

    @Test
    void page_ofEventsAtTheSameInstant_answersTheLaterAppendedFirst_andPagesThroughTheTie() {
        log.append(List.of(granted(key, "requests", 1, T0), granted(key, "requests", 2, T0),
                granted(key, "requests", 3, T0)), UTC);
        log.append(List.of(granted(key, "requests", 4, T0), granted(key, "requests", 5, T0),
                granted(key, "requests", 6, T0.minusMillis(1))), UTC);

        List<LoggedUsage> first = log.page(user, Optional.empty(), 2);
        List<LoggedUsage> second = log.page(user, Optional.of(first.get(1).position()), 2);
        List<LoggedUsage> third = log.page(user, Optional.of(second.get(1).position()), 2);
        List<LoggedUsage> rest = log.page(user, Optional.of(third.get(1).position()), 2);

        List<LoggedUsage> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        assertThat(all).extracting(logged -> logged.event().cost()).containsExactly(5L, 4L, 3L, 2L, 1L, 6L);
        assertThat(all.subList(0, 5)).extracting(LoggedUsage::id).doesNotHaveDuplicates()
                .isSortedAccordingTo(Collections.reverseOrder());
        assertThat(rest).isEmpty();
    }

    @Test
    void page_readsOnlyTheUsersEvents_ofTheUsersTenant() {
        UserRef sameIdElsewhere = new UserRef(Unique.tenant(), user.id());
        UserRef neighbour = new UserRef(user.tenant(), Unique.userId());
        log.append(List.of(granted(key, "requests", 1, T0), new UsageEvent(sameIdElsewhere, key, "requests", 2,
                UsageEvent.GRANTED, T0.plusSeconds(1)), new UsageEvent(neighbour, key, "requests", 3, UsageEvent.GRANTED,
                T0.plusSeconds(2))), UTC);

        assertThat(log.page(user, Optional.empty(), 10)).extracting(LoggedUsage::event)
                .containsExactly(granted(key, "requests", 1, T0));
        assertThat(log.page(sameIdElsewhere, Optional.empty(), 10)).extracting(logged -> logged.event().cost())
                .containsExactly(2L);
        assertThat(log.page(neighbour, Optional.empty(), 10)).extracting(logged -> logged.event().user())
                .containsExactly(neighbour);
        assertThat(log.page(new UserRef(TenantId.DEFAULT, Unique.userId()), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void page_answersAtMostTheLimit_fromOneTo201() {
        List<UsageEvent> many = new ArrayList<>();
        for (int i = 0; i < UsageLog.MAX_PAGE + 4; i++) {
            many.add(granted(key, "requests", i + 1, T0.plusMillis(i)));
        }
        log.append(many, UTC);

        assertThat(log.page(user, Optional.empty(), 1)).extracting(logged -> logged.event().cost())
                .containsExactly((long) UsageLog.MAX_PAGE + 4);
        List<LoggedUsage> largest = log.page(user, Optional.empty(), UsageLog.MAX_PAGE);
        assertThat(largest).hasSize(UsageLog.MAX_PAGE);
        assertThat(log.page(user, Optional.of(largest.get(largest.size() - 1).position()), UsageLog.MAX_PAGE))
                .extracting(logged -> logged.event().cost()).containsExactly(4L, 3L, 2L, 1L);
        assertThatThrownBy(() -> log.page(user, Optional.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.page(user, Optional.empty(), UsageLog.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.page(null, Optional.empty(), 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> log.page(user, null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void page_ofAUserWithoutEvents_andAfterTheOldestEvent_isEmpty() {
        assertThat(log.page(user, Optional.empty(), 50)).isEmpty();
        log.append(List.of(granted(key, "requests", 1, T0), granted(key, "requests", 2, T0.plusSeconds(1))), UTC);

        List<LoggedUsage> all = log.page(user, Optional.empty(), 50);

        assertThat(all).hasSize(2);
        assertThat(log.page(user, Optional.of(all.get(1).position()), 50)).isEmpty();
    }

    @Test
    void theRequestIdAndTags_roundTrip_withAnyUnicodeTheyAccept() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("model", "gpt-\u00e9t\u00e9 \"quoted\" back\\slash / \u2028 line");
        tags.put("tokens", "1234");
        tags.put("a.b-c_d", "\u65e5\u672c\u8a9e \uD83D\uDE00 \u0645\u0631\u062d\u0628\u0627");
        tags.put("emoji", "\uD83E\uDD84".repeat(UsageContext.MAX_TAG_VALUE));
        tags.put("z", "\u00a0 \ufeff \uFFFD");
        UsageContext context = UsageContext.of("req-01HZX3:{}[]'\"~!", tags);
        UsageEvent tagged = new UsageEvent(user, key, "requests", 2, UsageEvent.GRANTED, T0, context);
        UsageEvent plain = granted(key, "requests", 1, T0.plusSeconds(1));
        UsageEvent onlyId = new UsageEvent(user, key, "requests", 3, REFUSED, T0.plusSeconds(2),
                UsageContext.of("x", null));

        log.append(List.of(tagged, plain, onlyId), UTC);

        List<LoggedUsage> page = log.page(user, Optional.empty(), 10);
        assertThat(page).extracting(LoggedUsage::event).containsExactly(onlyId, plain, tagged);
        assertThat(page.get(2).event().context().tags()).containsExactlyEntriesOf(new TreeMap<>(tags));
        assertThat(page.get(2).event().context().requestId()).contains("req-01HZX3:{}[]'\"~!");
        assertThat(page.get(1).event().context()).isEqualTo(UsageContext.NONE);
        assertThat(log.recent(user, 10)).containsExactly(onlyId, plain, tagged);
    }

    @Test
    void deleteAll_takesTheUsersEventsOutOfEveryPage() {
        UserRef neighbour = new UserRef(user.tenant(), Unique.userId());
        log.append(List.of(granted(key, "requests", 1, T0), new UsageEvent(neighbour, key, "requests", 2,
                UsageEvent.GRANTED, T0, UsageContext.of("r", Map.of("k", "v")))), UTC);

        log.deleteAll(user);

        assertThat(log.page(user, Optional.empty(), 10)).isEmpty();
        assertThat(log.page(neighbour, Optional.empty(), 10)).hasSize(1);
    }

    private static ApiKeyId aKey() {
        return new ApiKeyId(Unique.uuid());
    }

    private UsageEvent granted(ApiKeyId eventKey, String meter, long cost, Instant at) {
        return new UsageEvent(user, eventKey, meter, cost, UsageEvent.GRANTED, at);
    }

    private UsageEvent refused(ApiKeyId eventKey, String meter, long cost, Instant at) {
        return new UsageEvent(user, eventKey, meter, cost, REFUSED, at);
    }

    private DailyUsage usage(LocalDate day, ApiKeyId usageKey, String meter, long calls, long granted, long units) {
        return new DailyUsage(user, day, usageKey, meter, calls, granted, units);
    }
}
