package dev.tollgate.adapter.memory.metering;

import dev.tollgate.port.ApiKeyId;
import dev.tollgate.port.TenantId;
import dev.tollgate.port.UserRef;
import dev.tollgate.port.spi.metering.DailyUsage;
import dev.tollgate.port.spi.metering.DayRange;
import dev.tollgate.port.spi.metering.LoggedUsage;
import dev.tollgate.port.spi.metering.MeterName;
import dev.tollgate.port.spi.metering.UsageDay;
import dev.tollgate.port.spi.metering.UsageEvent;
import dev.tollgate.port.spi.metering.UsageLog;
import dev.tollgate.port.spi.metering.UsagePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link UsageLog} in memory. One lock guards events and aggregates, so a batch is added whole
 * or, when it would carry an aggregate beyond {@link Long#MAX_VALUE}, not at all. Aggregates are
 * ordered as the SQL stores order them: meters by code point, keys as unsigned 128-bit numbers.
 */
public final class InMemoryUsageLog implements UsageLog {

    private static final Comparator<UUID> UNSIGNED = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };
    private static final Comparator<DailyUsage> DAY_METER_KEY = Comparator.comparing(DailyUsage::day)
            .thenComparing(DailyUsage::meter, MeterName.ORDER)
            .thenComparing(usage -> usage.key().value(), UNSIGNED);
    /** Newest first; of one instant, the later appended first. */
    private static final Comparator<Stored> NEWEST_FIRST = Comparator.comparing((Stored stored) -> stored.event().at())
            .thenComparingLong(Stored::sequence)
            .reversed();

    private record Stored(UsageEvent event, long sequence) {
    }

    private record Aggregate(UserRef user, LocalDate day, ApiKeyId key, String meter) {
    }

    private record Counts(long calls, long granted, long units) {

        static Counts of(UsageEvent event) {
            return event.granted() ? new Counts(1, 1, event.cost()) : new Counts(1, 0, 0);
        }

        /** Throws {@link ArithmeticException} when a count would pass {@link Long#MAX_VALUE}. */
        Counts plus(Counts other) {
            return new Counts(Math.addExact(calls, other.calls), Math.addExact(granted, other.granted),
                    Math.addExact(units, other.units));
        }
    }

    private final Object lock = new Object();
    private final Map<UserRef, List<Stored>> events = new HashMap<>();
    private final Map<Aggregate, Counts> aggregates = new HashMap<>();
    private long sequence;

    @Override
    public void append(List<UsageEvent> batch, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        List<UsageEvent> appended = List.copyOf(Objects.requireNonNull(batch, "events"));
        Map<Aggregate, Counts> added = new LinkedHashMap<>();
        for (UsageEvent event : appended) {
            Objects.requireNonNull(event, "event");
            added.merge(new Aggregate(event.user(), UsageDay.of(event.at(), zone).value(), event.key(), event.meter()),
                    Counts.of(event), Counts::plus);
        }
        synchronized (lock) {
            // every sum before any change, so an overflow leaves the log as it was
            Map<Aggregate, Counts> after = new HashMap<>();
            added.forEach((aggregate, counts) -> after.put(aggregate,
                    aggregates.getOrDefault(aggregate, new Counts(0, 0, 0)).plus(counts)));
            aggregates.putAll(after);
            for (UsageEvent event : appended) {
                events.computeIfAbsent(event.user(), user -> new ArrayList<>()).add(new Stored(event, sequence++));
            }
        }
    }

    @Override
    public List<DailyUsage> daily(UserRef user, DayRange days) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(days, "days");
        List<DailyUsage> found = new ArrayList<>();
        synchronized (lock) {
            aggregates.forEach((aggregate, counts) -> {
                if (aggregate.user().equals(user) && days.contains(aggregate.day())) {
                    found.add(new DailyUsage(user, aggregate.day(), aggregate.key(), aggregate.meter(), counts.calls(),
                            counts.granted(), counts.units()));
                }
            });
        }
        found.sort(DAY_METER_KEY);
        return List.copyOf(found);
    }

    @Override
    public List<UsageEvent> recent(UserRef user, int limit) {
        Objects.requireNonNull(user, "user");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Stored> found;
        synchronized (lock) {
            found = new ArrayList<>(events.getOrDefault(user, List.of()));
        }
        return found.stream().sorted(NEWEST_FIRST).limit(limit).map(Stored::event).toList();
    }

    @Override
    public List<LoggedUsage> page(UserRef user, Optional<UsagePosition> after, int limit) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
        }
        List<Stored> found;
        synchronized (lock) {
            found = new ArrayList<>(events.getOrDefault(user, List.of()));
        }
        return found.stream()
                .filter(stored -> after.map(position -> before(stored, position)).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .map(stored -> new LoggedUsage(stored.sequence(), stored.event()))
                .toList();
    }

    /** Whether {@code stored} comes after {@code position} newest first: earlier, or as early with a lower id. */
    private static boolean before(Stored stored, UsagePosition position) {
        int byTime = stored.event().at().compareTo(position.at());
        return byTime < 0 || byTime == 0 && stored.sequence() < position.id();
    }

    @Override
    public int purgeEventsBefore(TenantId tenant, Instant cutoff) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(cutoff, "cutoff");
        int purged = 0;
        synchronized (lock) {
            for (Map.Entry<UserRef, List<Stored>> entry : events.entrySet()) {
                if (!entry.getKey().tenant().equals(tenant)) {
                    continue;
                }
                List<Stored> ofUser = entry.getValue();
                int before = ofUser.size();
                ofUser.removeIf(stored -> stored.event().at().isBefore(cutoff));
                purged += before - ofUser.size();
            }
            events.values().removeIf(List::isEmpty);
        }
        return purged;
    }

    @Override
    public int deleteAll(UserRef user) {
        Objects.requireNonNull(user, "user");
        synchronized (lock) {
            List<Stored> removed = events.remove(user);
            int before = aggregates.size();
            aggregates.keySet().removeIf(aggregate -> aggregate.user().equals(user));
            return (removed == null ? 0 : removed.size()) + before - aggregates.size();
        }
    }

    /** The aggregates of every user of {@code tenant} in {@code days}, in no particular order: what the in-memory statistics read. */
    public List<DailyUsage> dailyOf(TenantId tenant, DayRange days) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(days, "days");
        List<DailyUsage> found = new ArrayList<>();
        synchronized (lock) {
            aggregates.forEach((aggregate, counts) -> {
                if (aggregate.user().tenant().equals(tenant) && days.contains(aggregate.day())) {
                    found.add(new DailyUsage(aggregate.user(), aggregate.day(), aggregate.key(), aggregate.meter(),
                            counts.calls(), counts.granted(), counts.units()));
                }
            });
        }
        return List.copyOf(found);
    }
}
