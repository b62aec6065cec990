package dev.tollgate.core.network;

import dev.tollgate.core.address.IpRange;
import dev.tollgate.port.spi.network.IpRule;
import java.time.Instant;

/**
 * The IP rules of one scope (global, or one tenant) as a binary trie over the 128 bits of an
 * address: finding the rules that match an address walks at most 128 nodes, however many rules
 * there are. Each node holds, per action, when its newest rule of that exact range expires, so
 * a lookup at any instant skips the expired ones without the trie being rebuilt. Built once,
 * then only read, so it is safe to share between threads.
 */
final class RuleTrie {

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

    private final Node root = new Node();

    void add(IpRange range, IpRule.Action action, Instant expiresAt) {
        Node node = root;
        byte[] bits = range.bits();
        for (int index = 0; index < range.prefix(); index++) {
            node = IpRange.bit(bits, index) == 0 ? node.zeroOrNew() : node.oneOrNew();
        }
        Instant end = expiresAt == null ? NEVER : expiresAt;
        if (action == IpRule.Action.DENY) {
            node.denyUntil = latest(node.denyUntil, end);
        } else {
            node.allowUntil = latest(node.allowUntil, end);
        }
    }

    /** The most specific rule live at {@code now} that matches {@code address} (16 bytes), or null. */
    Match match(byte[] address, Instant now) {
        Match best = null;
        Node node = root;
        for (int depth = 0; node != null; depth++) {
            if (live(node.denyUntil, now)) {
                best = new Match(depth, true);
            } else if (live(node.allowUntil, now)) {
                best = new Match(depth, false);
            }
            if (depth == 128) {
                break;
            }
            node = IpRange.bit(address, depth) == 0 ? node.zero : node.one;
        }
        return best;
    }

    private static boolean live(Instant until, Instant now) {
        return until != null && until.isAfter(now);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static final class Node {
        Node zero;
        Node one;
        Instant denyUntil;
        Instant allowUntil;

        Node zeroOrNew() {
            if (zero == null) {
                zero = new Node();
            }
            return zero;
        }

        Node oneOrNew() {
            if (one == null) {
                one = new Node();
            }
            return one;
        }
    }
}
