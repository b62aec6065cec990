package dev.tollgate.core.network;

import dev.tollgate.core.address.IpRange;
import dev.tollgate.port.spi.network.IpRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The IP rules of one scope (global, or one tenant) for longest-prefix matching: one hash table
 * per prefix length present, keyed by the range's 128 bits (IPv4 mapped). Matching an address
 * masks it once per length, longest first, and the first live entry decides: a lookup costs one
 * hash probe per distinct prefix length (at most 129, a handful in practice), whatever the number
 * of rules, and memory grows with the rules alone. Each entry holds, per action, when its newest
 * rule of that exact range expires, so a lookup at any instant skips the expired ones without a
 * rebuild. Built once, then only read, so it is safe to share between threads.
 */
final class PrefixTable {

    /** The most specific live rule matching an address: its prefix and whether it denies. */
    record Match(int prefix, boolean deny) {

        /** The stronger of two matches: the longer prefix, a deny winning a tie; either may be null. */
        static Match stronger(Match a, Match b) {
            if (a == null) {
                return b;
            }
            if (b == null || a.prefix > b.prefix) {
                return a;
            }
            if (b.prefix > a.prefix) {
                return b;
            }
            return a.deny ? a : b;
        }
    }

    private static final Instant NEVER = Instant.MAX;

    private final TreeMap<Integer, Map<Bits, Entry>> byLength = new TreeMap<>();
    /** The lengths present, longest first, and their tables; refreshed when a rule brings a new length. */
    private int[] lengths = new int[0];
    private Map<Bits, Entry>[] tables = newTables(0);

    void add(IpRange range, IpRule.Action action, Instant expiresAt) {
        Bits key = Bits.of(range.bits(), range.prefix());
        Map<Bits, Entry> table = byLength.get(range.prefix());
        if (table == null) {
            table = new HashMap<>();
            byLength.put(range.prefix(), table);
            lengths = byLength.descendingKeySet().stream().mapToInt(Integer::intValue).toArray();
            tables = newTables(lengths.length);
            for (int i = 0; i < lengths.length; i++) {
                tables[i] = byLength.get(lengths[i]);
            }
        }
        Entry entry = table.computeIfAbsent(key, k -> new Entry());
        Instant end = expiresAt == null ? NEVER : expiresAt;
        if (action == IpRule.Action.DENY) {
            entry.denyUntil = latest(entry.denyUntil, end);
        } else {
            entry.allowUntil = latest(entry.allowUntil, end);
        }
    }

    /** The most specific rule live at {@code now} that matches {@code address} (16 bytes), or null. */
    Match match(byte[] address, Instant now) {
        long high = Bits.high(address);
        long low = Bits.low(address);
        for (int i = 0; i < lengths.length; i++) {
            Entry entry = tables[i].get(Bits.masked(high, low, lengths[i]));
            if (entry != null) {
                if (live(entry.denyUntil, now)) {
                    return new Match(lengths[i], true);
                }
                if (live(entry.allowUntil, now)) {
                    return new Match(lengths[i], false);
                }
            }
        }
        return null;
    }

    private static boolean live(Instant until, Instant now) {
        return until != null && until.isAfter(now);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    @SuppressWarnings("unchecked")
    private static Map<Bits, Entry>[] newTables(int size) {
        return (Map<Bits, Entry>[]) new Map<?, ?>[size];
    }

    /** The newest expiry of the deny and allow rules of one exact range; null for none. */
    private static final class Entry {
        Instant denyUntil;
        Instant allowUntil;
    }

    /** An address masked to a prefix length, as two longs. */
    private record Bits(long high, long low) {

        static Bits of(byte[] address, int prefix) {
            return masked(high(address), low(address), prefix);
        }

        static Bits masked(long high, long low, int prefix) {
            if (prefix <= 64) {
                return new Bits(prefix == 0 ? 0 : high & (-1L << (64 - prefix)), 0);
            }
            return new Bits(high, prefix == 128 ? low : low & (-1L << (128 - prefix)));
        }

        static long high(byte[] address) {
            return toLong(address, 0);
        }

        static long low(byte[] address) {
            return toLong(address, 8);
        }

        private static long toLong(byte[] bytes, int from) {
            long value = 0;
            for (int i = from; i < from + 8; i++) {
                value = (value << 8) | (bytes[i] & 0xff);
            }
            return value;
        }
    }
}
