package dev.tollgate.core.address;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address range in CIDR form, held as 128 bits: IPv4 lives in the IPv4-mapped
 * block {@code ::ffff:0:0/96}, so one prefix table judges both families and {@code ::ffff:203.0.113.9}
 * is the IPv4 address it maps. Parsing is strict and never asks DNS: only address literals
 * (dotted quads without leading zeros, RFC 4291 text without zone ids) are addresses.
 *
 * @param bits   the first address, 16 bytes, bits below the prefix zero
 * @param prefix the prefix length in the 128-bit space (an IPv4 /24 is 120)
 */
public record IpRange(byte[] bits, int prefix) {

    private static final int IPV4_MAPPED_PREFIX = 96;

    public IpRange {
        Objects.requireNonNull(bits, "bits");
        if (bits.length != 16 || prefix < 0 || prefix > 128) {
            throw new IllegalArgumentException("an IP range is 16 bytes and a prefix of 0-128");
        }
        bits = bits.clone();
    }

    @Override
    public byte[] bits() {
        return bits.clone();
    }

    /** Whether this range lies in the IPv4-mapped block (an IPv4 range). */
    public boolean ipv4() {
        return prefix >= IPV4_MAPPED_PREFIX && mapped(bits);
    }

    /** Whether {@code address} (16 bytes, as {@link #address} answers) lies in this range. */
    public boolean contains(byte[] address) {
        for (int bit = 0; bit < prefix; bit++) {
            if (bit(address, bit) != bit(bits, bit)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code ip} lies in one of {@code ranges} (CIDR texts as stores keep them); a null or
     * malformed address lies in none, and a malformed range matches nothing.
     */
    public static boolean anyContains(List<String> ranges, String ip) {
        Optional<byte[]> address = address(ip);
        if (address.isEmpty()) {
            return false;
        }
        for (String text : ranges) {
            Parsed range = parse(text);
            if (range.valid() && range.range().contains(address.get())) {
                return true;
            }
        }
        return false;
    }

    /** The normalised CIDR text: {@code 203.0.113.0/24}, {@code 2001:db8::/32}, {@code 198.51.100.7/32}. */
    public String text() {
        return ipv4() ? formatV4(bits) + "/" + (prefix - IPV4_MAPPED_PREFIX) : formatV6(bits) + "/" + prefix;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange range && range.prefix == prefix && Arrays.equals(range.bits, bits);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bits) + prefix;
    }

    @Override
    public String toString() {
        return text();
    }

    /** The bit at {@code index} (0 the highest) of a 16-byte address. */
    public static int bit(byte[] address, int index) {
        return (address[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    /**
     * A range from {@code 203.0.113.0/24}, {@code 2001:db8::/32} or a single address (the full
     * prefix). Refused (with a message fit for the user) when malformed, or when bits below the
     * prefix are set, which would make the text mean something other than it says.
     */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.error("is required");
        }
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String host = slash < 0 ? trimmed : trimmed.substring(0, slash);
        Optional<byte[]> address = address(host);
        if (address.isEmpty()) {
            return Parsed.error("is not an IPv4 or IPv6 address or CIDR range");
        }
        boolean v4 = host.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int length = max;
        if (slash >= 0) {
            String digits = trimmed.substring(slash + 1);
            if (!digits.matches("[0-9]{1,3}") || (digits.length() > 1 && digits.startsWith("0"))) {
                return Parsed.error("has a malformed prefix length");
            }
            length = Integer.parseInt(digits);
            if (length > max) {
                return Parsed.error("has a prefix longer than " + max);
            }
        }
        int prefix = v4 ? length + IPV4_MAPPED_PREFIX : length;
        byte[] bits = address.get();
        for (int bit = prefix; bit < 128; bit++) {
            if (bit(bits, bit) != 0) {
                IpRange meant = new IpRange(masked(bits, prefix), prefix);
                return Parsed.error("has bits set below its prefix; did you mean " + meant.text() + "?");
            }
        }
        return new Parsed(new IpRange(bits, prefix), null);
    }

    /** What {@link #parse} made of a text: the range, or why there is none. */
    public record Parsed(IpRange range, String error) {
        static Parsed error(String message) {
            return new Parsed(null, message);
        }

        public boolean valid() {
            return range != null;
        }
    }

    /**
     * The 16 bytes of an address literal (an IPv4 address mapped into IPv6), or empty for
     * anything else: host names, zone ids, brackets and IPv4 forms other than four decimal parts.
     */
    public static Optional<byte[]> address(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        if (text.indexOf(':') < 0) {
            byte[] v4 = new byte[4];
            if (!parseV4(text, v4, 0)) {
                return Optional.empty();
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            return Optional.of(mapped);
        }
        return parseV6(text);
    }

    private static boolean parseV4(String text, byte[] into, int offset) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int c = 0; c < part.length(); c++) {
                if (part.charAt(c) < '0' || part.charAt(c) > '9') {
                    return false;
                }
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return false;
            }
            into[offset + i] = (byte) value;
        }
        return true;
    }

    private static Optional<byte[]> parseV6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = new int[10];
        int[] tailGroups = new int[10];
        // a dotted quad only ends an address: "1.2.3.4::" is none
        int heads = groups(head, headGroups, gap < 0);
        int tails = gap < 0 ? 0 : groups(tail, tailGroups, true);
        if (heads < 0 || tails < 0) {
            return Optional.empty();
        }
        int total = heads + tails;
        if (gap < 0 ? total != 8 : total > 7) {
            return Optional.empty();
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, heads);
        System.arraycopy(tailGroups, 0, all, 8 - tails, tails);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (all[i] >>> 8);
            bytes[2 * i + 1] = (byte) all[i];
        }
        return Optional.of(bytes);
    }

    /**
     * Reads colon-separated groups into {@code into}; a dotted quad may end the text when
     * {@code mayEndWithV4} (it fills two groups). Answers how many groups, or -1 when malformed.
     */
    private static int groups(String text, int[] into, boolean mayEndWithV4) {
        if (text.isEmpty()) {
            return 0;
        }
        String[] parts = text.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && mayEndWithV4 && part.indexOf('.') >= 0) {
                byte[] v4 = new byte[4];
                if (!parseV4(part, v4, 0) || count + 2 > 8) {
                    return -1;
                }
                into[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                into[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                return count;
            }
            if (part.isEmpty() || part.length() > 4 || count >= 8) {
                return -1;
            }
            int value = 0;
            for (int c = 0; c < part.length(); c++) {
                int digit = hexDigit(part.charAt(c));
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            into[count++] = value;
        }
        return count;
    }

    /** The value of an ASCII hex digit, or -1 (other scripts' digits are no part of an address). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static byte[] masked(byte[] bits, int prefix) {
        byte[] copy = bits.clone();
        for (int bit = prefix; bit < 128; bit++) {
            copy[bit >>> 3] &= (byte) ~(1 << (7 - (bit & 7)));
        }
        return copy;
    }

    private static boolean mapped(byte[] bits) {
        for (int i = 0; i < 10; i++) {
            if (bits[i] != 0) {
                return false;
            }
        }
        return bits[10] == (byte) 0xff && bits[11] == (byte) 0xff;
    }

    private static String formatV4(byte[] bits) {
        return (bits[12] & 0xff) + "." + (bits[13] & 0xff) + "." + (bits[14] & 0xff) + "." + (bits[15] & 0xff);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    private static String formatV6(byte[] bits) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bits[2 * i] & 0xff) << 8) | (bits[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
